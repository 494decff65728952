package dev.wharf.builder.build;

import dev.wharf.builder.dockerfile.Dockerignore;
import dev.wharf.builder.dockerfile.Instruction;
import dev.wharf.builder.fs.Overlay;
import dev.wharf.builder.fs.Trees;
import dev.wharf.builder.fs.Users;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * COPY and ADD. Sources come from the context (with .dockerignore), from an earlier stage or from an image
 * ({@code --from}, mounted read-only for the step); ADD also extracts local tar archives. URLs are refused:
 * builds have no network.
 */
final class CopyStep {
    private final StageBuilder sb;
    private final Instruction in;

    CopyStep(StageBuilder sb, Instruction in) {
        this.sb = sb;
        this.in = in;
    }

    void run() throws IOException {
        StageState st = sb.state();
        List<String> expanded = new ArrayList<>();
        for (String raw : in.args()) {
            expanded.add(sb.substitution().word(raw));
        }
        List<String> srcs = expanded.subList(0, expanded.size() - 1);
        String dest = expanded.getLast();
        for (String s : srcs) {
            if (s.matches("(?i)^(https?|git|ftp)://.*") || s.startsWith("git@")) {
                throw sb.error(in, in.keyword() + " from a URL is not supported: builds have no network "
                        + "(download " + s + " into the build context and " + in.keyword() + " it from there)");
            }
        }
        boolean dirDest = dest.endsWith("/") || dest.equals(".");
        String absDest = StageBuilder.clean(dest.startsWith("/") ? dest : st.workdir() + "/" + dest) + (dirDest ? "/" : "");
        if (absDest.equals("//")) {
            absDest = "/";
        }
        String chown = in.flag("chown") == null ? null : sb.substitution().word(in.flag("chown"));
        Integer chmod = chmod(in.flag("chmod"));
        String from = in.flag("from") == null ? null : sb.substitution().word(in.flag("from"));
        String flags = (from == null ? "" : " --from=" + from) + (chown == null ? "" : " --chown=" + chown)
                + (in.flag("chmod") == null ? "" : " --chmod=" + in.flag("chmod"));
        String display = in.keyword() + flags + " " + String.join(" ", srcs) + " " + dest;
        if (from == null) {
            copy(sb.shared().context(), sb.shared().ignore(), srcs, absDest, chown, chmod, display, "context", false);
            return;
        }
        List<Layer> sourceLayers = sourceLayers(from);
        Path scratch = sb.shared().dirs().scratch("from-");
        Path mnt = scratch.resolve("m");
        try {
            Overlay.mountReadOnly(sb.lowerDirs(sourceLayers), mnt);
            try {
                copy(mnt, Dockerignore.none(), srcs, absDest, chown, chmod, display, "from " + from, true);
            } finally {
                Overlay.unmount(mnt);
            }
        } finally {
            Trees.delete(scratch);
        }
    }

    private List<Layer> sourceLayers(String from) throws IOException {
        Optional<StageState> stage = sb.shared().df().stages().stream()
                .filter(o -> o.index() < currentIndex() && o.answersTo(from)).findFirst()
                .map(o -> sb.shared().done().get(o.index()));
        if (stage.isPresent()) {
            return stage.get().layers;
        }
        try {
            return sb.shared().bases().resolve(from, sb.shared().blobs()).layers();
        } catch (IOException | RuntimeException e) {
            throw sb.error(in, "COPY --from=" + from + ": not an earlier stage, and not an image: " + e.getMessage());
        }
    }

    private int currentIndex() {
        return sb.shared().df().stages().stream().filter(s -> s.body().contains(in)).findFirst().orElseThrow().index();
    }

    private void copy(Path srcRoot, Dockerignore ignore, List<String> srcs, String dest, String chown, Integer chmod,
                      String display, String where, boolean preserveOwners) throws IOException {
        List<CopyPlan.Item> items;
        try {
            items = CopyPlan.plan(srcRoot, srcs, dest, ignore);
        } catch (IOException e) {
            throw sb.error(in, in.keyword() + " failed: " + e.getMessage());
        }
        boolean add = in.keyword().equals("ADD");
        List<CopyPlan.Item> archives = new ArrayList<>();
        if (add) {
            for (CopyPlan.Item i : items) {
                if (i.top() && i.kind() == CopyPlan.Kind.FILE && CopyExecutor.isArchive(i.source())) {
                    archives.add(i);
                }
            }
        }
        String material = display + "\n" + where + "\n" + CopyPlan.digest(items) + "\narchives " + archives.size();
        sb.layerStep(display, material, root -> {
            Users.Owner owner;
            try {
                owner = chown == null ? null : Users.resolve(root, chown);
            } catch (IOException e) {
                throw sb.error(in, "--chown=" + chown + ": " + e.getMessage());
            }
            CopyExecutor ex = new CopyExecutor(root, owner, chmod, preserveOwners);
            List<CopyPlan.Item> plain = new ArrayList<>(items);
            plain.removeAll(archives);
            Path tmp = archives.isEmpty() ? null : sb.shared().dirs().scratch("add-");
            try {
                ex.apply(plain);
                for (CopyPlan.Item a : archives) {
                    ex.extract(a.source(), dest.endsWith("/") ? dest : dest + "/", tmp);
                }
            } catch (IOException e) {
                throw sb.error(in, in.keyword() + " failed: " + e.getMessage());
            } finally {
                if (tmp != null) {
                    Trees.delete(tmp);
                }
            }
        });
    }

    private Integer chmod(String flag) {
        if (flag == null) {
            return null;
        }
        if (!flag.matches("[0-7]{3,4}")) {
            throw sb.error(in, "--chmod=" + flag + ": only octal modes like 755 are supported");
        }
        return Integer.parseInt(flag, 8);
    }
}
