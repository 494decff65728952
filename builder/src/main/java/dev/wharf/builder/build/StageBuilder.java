package dev.wharf.builder.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.builder.dockerfile.Dockerfile;
import dev.wharf.builder.dockerfile.DockerfileException;
import dev.wharf.builder.dockerfile.Dockerignore;
import dev.wharf.builder.dockerfile.Instruction;
import dev.wharf.builder.dockerfile.ShellWords;
import dev.wharf.builder.dockerfile.Stage;
import dev.wharf.builder.fs.LayerDirs;
import dev.wharf.builder.fs.LayerTar;
import dev.wharf.builder.fs.Overlay;
import dev.wharf.builder.fs.Trees;
import dev.wharf.builder.run.RuncRunner;
import dev.wharf.images.blob.BlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds one stage: FROM, then each instruction, advancing the chain key and adding layers. */
final class StageBuilder {
    /** What every stage of one build shares. {@code step[0]} counts steps across stages. */
    record Shared(Dockerfile df, BaseImageSource bases, RuncRunner runner, BuildProgress progress, long epoch,
                  BlobStore blobs, LayerDirs dirs, BuildCache cache, Path context, Dockerignore ignore,
                  Map<String, String> buildArgs, Map<String, String> globalArgs, Map<Integer, StageState> done,
                  int[] step, int total) { }

    /** The work of a layer step inside its mounted root. */
    interface InRoot {
        void run(Path root) throws IOException;
    }

    private final Shared sh;
    private final Stage stage;
    private StageState state;

    StageBuilder(Shared shared, Stage stage) {
        this.sh = shared;
        this.stage = stage;
    }

    StageState build() throws IOException {
        from();
        for (Instruction in : stage.body()) {
            try {
                instruction(in);
            } catch (IllegalArgumentException e) {
                throw sh.df().error(in.line(), e.getMessage());
            }
        }
        return state;
    }

    private void from() throws IOException {
        Instruction in = stage.from();
        String base = ImageBuilder.words(sh.df(), sh.globalArgs()).word(stage.baseRaw());
        int n = ++sh.step()[0];
        Optional<Stage> earlier = sh.df().stages().stream()
                .filter(o -> o.index() < stage.index() && o.name() != null && o.name().equalsIgnoreCase(base)).findFirst();
        if (earlier.isPresent()) {
            state = sh.done().get(earlier.get().index()).copy();
            sh.progress().step(n, sh.total(), "FROM " + base, false);
        } else if (base.equalsIgnoreCase("scratch")) {
            state = StageState.scratch();
            sh.progress().step(n, sh.total(), "FROM scratch", false);
        } else {
            BaseImage img;
            try {
                img = sh.bases().resolve(base, sh.blobs());
            } catch (IOException | RuntimeException e) {
                throw sh.df().error(in.line(), "FROM " + base + ": " + e.getMessage());
            }
            state = new StageState(img.config().deepCopy(), img.layers(), img.digest());
            sh.progress().step(n, sh.total(), "FROM " + base + "@" + img.digest(), false);
        }
        state.args.clear();
        state.cmdSet = false;
    }

    private ShellWords words() {
        return new ShellWords(sh.df().escape(), state::lookup);
    }

    private void instruction(Instruction in) throws IOException {
        switch (in.keyword()) {
            case "RUN" -> new RunStep(this, in).run();
            case "COPY", "ADD" -> new CopyStep(this, in).run();
            default -> {
                String text = metadata(in);
                int n = ++sh.step()[0];
                sh.progress().step(n, sh.total(), text, false);
                state.chainKey = BuildCache.key(state.chainKey, text);
                history(text, true);
            }
        }
    }

    /** Applies a metadata instruction to the config; returns its text after substitution. */
    private String metadata(Instruction in) {
        ObjectNode c = state.config();
        List<String> a = in.args();
        switch (in.keyword()) {
            case "ARG" -> {
                String raw = a.getFirst();
                int eq = raw.indexOf('=');
                String name = eq < 0 ? raw : raw.substring(0, eq);
                String value = sh.buildArgs().containsKey(name) ? sh.buildArgs().get(name)
                        : eq >= 0 ? words().word(raw.substring(eq + 1)) : sh.globalArgs().get(name);
                state.args.put(name, value);
                return "ARG " + name + (value == null ? "" : "=" + value);
            }
            case "ENV", "LABEL" -> {
                // every value is substituted before any is set: ENV a=2 b=$a gives b the previous a, as in Docker
                StringBuilder text = new StringBuilder(in.keyword());
                List<String> kv = new ArrayList<>();
                for (String raw : a) {
                    kv.add(words().word(raw));
                }
                for (int i = 0; i < kv.size(); i += 2) {
                    if (in.keyword().equals("LABEL")) {
                        labels(c).put(kv.get(i), kv.get(i + 1));
                    } else {
                        state.setEnv(kv.get(i), kv.get(i + 1));
                    }
                    text.append(' ').append(kv.get(i)).append('=').append(kv.get(i + 1));
                }
                return text.toString();
            }
            case "WORKDIR" -> {
                String dir = words().word(a.getFirst());
                String abs = clean(dir.startsWith("/") ? dir : state.workdir() + "/" + dir);
                c.put("WorkingDir", abs);
                return "WORKDIR " + abs;
            }
            case "USER" -> {
                String user = words().word(a.getFirst());
                c.put("User", user);
                return "USER " + user;
            }
            case "EXPOSE" -> {
                ObjectNode ports = c.path("ExposedPorts").isObject() ? (ObjectNode) c.get("ExposedPorts") : c.putObject("ExposedPorts");
                List<String> done = new ArrayList<>();
                for (String raw : a) {
                    for (String p : words().words(raw)) {
                        String port = p.contains("/") ? p.toLowerCase(java.util.Locale.ROOT) : p + "/tcp";
                        if (!port.matches("[0-9]+(-[0-9]+)?/(tcp|udp|sctp)")) {
                            throw new IllegalArgumentException("invalid EXPOSE port \"" + p + "\": expected PORT[/PROTOCOL]");
                        }
                        ports.putObject(port);
                        done.add(port);
                    }
                }
                return "EXPOSE " + String.join(" ", done);
            }
            case "VOLUME" -> {
                ObjectNode vols = c.path("Volumes").isObject() ? (ObjectNode) c.get("Volumes") : c.putObject("Volumes");
                List<String> done = new ArrayList<>();
                for (String raw : a) {
                    String v = in.json() ? words().word(raw) : words().word(raw);
                    vols.putObject(v);
                    done.add(v);
                }
                return "VOLUME " + done;
            }
            case "STOPSIGNAL" -> {
                String sig = words().word(a.getFirst());
                c.put("StopSignal", sig);
                return "STOPSIGNAL " + sig;
            }
            case "MAINTAINER" -> {
                state.image.put("author", words().word(a.getFirst()));
                return in.text();
            }
            case "SHELL" -> {
                state.setList("Shell", a);
                return in.text();
            }
            case "CMD", "ENTRYPOINT" -> {
                List<String> cmd = in.json() || a.isEmpty() ? a : concat(state.shell(), a.getFirst());
                if (in.keyword().equals("CMD")) {
                    state.setList("Cmd", cmd);
                    state.cmdSet = true;
                } else {
                    state.setList("Entrypoint", cmd);
                    if (!state.cmdSet) {
                        c.remove("Cmd");
                    }
                }
                return in.keyword() + " " + cmd;
            }
            case "HEALTHCHECK" -> {
                Healthcheck.apply(c, in, state.shell());
                return in.text();
            }
            default -> throw new IllegalArgumentException(in.keyword() + " is not supported");
        }
    }

    private static ObjectNode labels(ObjectNode c) {
        return c.path("Labels").isObject() ? (ObjectNode) c.get("Labels") : c.putObject("Labels");
    }

    static List<String> concat(List<String> shell, String command) {
        List<String> out = new ArrayList<>(shell);
        out.add(command);
        return out;
    }

    static String clean(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.add(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    // --- layer steps ---

    Shared shared() {
        return sh;
    }

    StageState state() {
        return state;
    }

    ShellWords substitution() {
        return words();
    }

    DockerfileException error(Instruction in, String reason) {
        return sh.df().error(in.line(), reason);
    }

    /** Runs a layer-producing step: cache lookup, else mount, work, diff; then records the layer. */
    void layerStep(String display, String material, InRoot work) throws IOException {
        String key = BuildCache.key(state.chainKey, material);
        Optional<Layer> hit = sh.cache().get(key);
        int n = ++sh.step()[0];
        sh.progress().step(n, sh.total(), display, hit.isPresent());
        Layer layer;
        if (hit.isPresent()) {
            layer = hit.get();
        } else {
            List<Path> lowers = lowerDirs(state.layers);
            Path scratch = sh.dirs().scratch("step-");
            try {
                Path upper = scratch.resolve("u");
                Path mnt = scratch.resolve("m");
                Overlay.mount(lowers, upper, scratch.resolve("w"), mnt);
                try {
                    work.run(mnt);
                } finally {
                    Overlay.unmount(mnt);
                }
                LayerTar.Built b = LayerTar.fromUpper(upper, sh.epoch(), sh.blobs());
                sh.dirs().adopt(b.diffId(), upper);
                layer = new Layer(b.descriptor(), b.diffId());
                sh.cache().put(key, layer);
            } finally {
                Trees.delete(scratch);
            }
        }
        state.layers.add(layer);
        state.chainKey = key;
        history(display, false);
    }

    /** The unpacked directories of {@code layers}, top first, with the scaffold at the bottom. */
    List<Path> lowerDirs(List<Layer> layers) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            out.add(sh.dirs().ensure(l.diffId(), sh.blobs().path(l.descriptor().digest())));
        }
        out.add(sh.dirs().scaffold());
        return out;
    }

    private void history(String text, boolean empty) {
        ObjectNode h = state.history().addObject();
        h.put("created", Instant.ofEpochSecond(sh.epoch()).toString());
        h.put("created_by", text);
        h.put("comment", "wharf image build");
        if (empty) {
            h.put("empty_layer", true);
        }
    }
}
