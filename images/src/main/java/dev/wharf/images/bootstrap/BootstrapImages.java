package dev.wharf.images.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.ChildProcesses;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Digests;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImageConfig;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the base images with no internet: {@code busybox:latest} (Debian's static busybox with its applet
 * symlinks, tini as /sbin/tini, /etc/passwd and /etc/group, /tmp), and {@code wharf/jre:21} and
 * {@code wharf/jdk:21} (a jlink runtime of the local JDK in /opt/java, plus the glibc it links against, on the
 * busybox layer). Layers are reproducible (gzip level 1: bootstrap runs at first start); results are cached under {@code DATA/bootstrap} keyed by their inputs.
 */
public final class BootstrapImages {
    public static final String BUSYBOX = "busybox:latest";
    public static final String JRE = "wharf/jre:21";
    public static final String JDK = "wharf/jdk:21";
    static final String PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final String JAVA_PATH_ENV = "PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * Inputs; {@link #defaults()} uses Debian's paths and the running JDK.
     *
     * @param jlinkCache where jlink outputs are kept (keyed by JDK version and modules); null: DATA/bootstrap/jlink
     */
    public record Options(Path busybox, Path tini, Path jdkHome, List<String> jreModules, List<String> jdkModules,
                          Path jlinkCache) {
        public static Options defaults() {
            List<String> jre = List.of("java.base", "java.logging", "java.net.http", "jdk.httpserver", "java.management",
                    "jdk.crypto.ec", "java.naming", "java.xml", "java.sql", "jdk.unsupported", "jdk.charsets", "jdk.zipfs",
                    "java.instrument", "jdk.management", "jdk.naming.dns");
            List<String> jdk = new ArrayList<>(jre);
            jdk.addAll(List.of("java.compiler", "jdk.compiler", "jdk.jartool", "jdk.jdeps", "jdk.jshell"));
            return new Options(Path.of("/bin/busybox"), Path.of("/usr/bin/tini-static"),
                    Path.of(System.getProperty("java.home")), jre, List.copyOf(jdk), null);
        }
    }

    private final Path dir;
    private final NodeImageStore store;
    private final BlobStore blobs;
    private final Options options;

    public BootstrapImages(Path dataDir, NodeImageStore store, Options options) throws IOException {
        this.dir = Files.createDirectories(dataDir.resolve("bootstrap"));
        this.store = store;
        this.blobs = store.blobs();
        this.options = options;
    }

    /** Builds (or reuses) busybox, jre and jdk and stores them; returns them in that order. */
    public List<Image> all() throws IOException {
        return List.of(busybox(), jre(), jdk());
    }

    public Image busybox() throws IOException {
        return store.commit(busyboxManifest(), null, ImageRef.parse(BUSYBOX));
    }

    public Image jre() throws IOException {
        return store.commit(javaManifest("jre", options.jreModules()), null, ImageRef.parse(JRE));
    }

    public Image jdk() throws IOException {
        return store.commit(javaManifest("jdk", options.jdkModules()), null, ImageRef.parse(JDK));
    }

    Manifest busyboxManifest() throws IOException {
        String key = "busybox-" + fileDigest(options.busybox()).substring(7, 23) + "-" + fileDigest(options.tini()).substring(7, 23);
        Manifest cached = cached(key);
        if (cached != null) {
            return cached;
        }
        LayerBuilder.Built layer = busyboxLayer().build(blobs);
        ImageConfig cfg = new ImageConfig(null, List.of("sh"), List.of(PATH_ENV), null, null,
                Map.of("org.opencontainers.image.title", "busybox"), null, null);
        return remember(key, ImageAssembler.assemble(blobs, List.of(layer), cfg,
                List.of("wharf image bootstrap: busybox-static " + options.busybox() + " with tini")));
    }

    LayerBuilder busyboxLayer() throws IOException {
        LayerBuilder b = new LayerBuilder();
        b.file("bin/busybox", options.busybox(), 0755);
        for (String applet : run(List.of(options.busybox().toString(), "--list-full")).split("\n")) {
            String a = applet.strip();
            if (!a.isEmpty() && !a.equals("bin/busybox")) {
                b.symlink(a, "/bin/busybox");
            }
        }
        b.file("sbin/tini", options.tini(), 0755);
        b.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n", 0644);
        b.file("etc/group", "root:x:0:\nnobody:x:65534:\n", 0644);
        b.dir("tmp", 01777).dir("root", 0700).dir("home", 0755).dir("var/tmp", 01777).dir("proc", 0755)
                .dir("sys", 0755).dir("dev", 0755).dir("usr/local/bin", 0755);
        return b;
    }

    private Manifest javaManifest(String flavor, List<String> wanted) throws IOException {
        Manifest base = busyboxManifest();
        List<String> modules = Jlink.available(options.jdkHome(), wanted);
        String version = Jlink.version(options.jdkHome());
        String linkKey = flavor + "-" + version.replaceAll("[^A-Za-z0-9.+-]", "_") + "-"
                + Digests.of(String.join(",", modules).getBytes(StandardCharsets.UTF_8)).substring(7, 19);
        String key = linkKey + "-" + Digests.hex(base.digest()).substring(0, 12);
        Manifest cached = cached(key);
        if (cached != null) {
            return cached;
        }
        Path runtime = Jlink.link(options.jdkHome(), modules,
                (options.jlinkCache() != null ? options.jlinkCache() : dir.resolve("jlink")).resolve(linkKey));
        LayerBuilder b = new LayerBuilder().tree("opt/java", runtime);
        for (String lib : Jlink.hostLibraries(runtime)) {
            b.file(lib, Path.of(lib), 0755);
        }
        LayerBuilder.Built layer = b.build(blobs);
        LayerBuilder.Built baseLayer = new LayerBuilder.Built(base.layers().get(0),
                Json.parse(blobs.read(base.config().digest())).path("rootfs").path("diff_ids").get(0).asText());
        ImageConfig cfg = new ImageConfig(null, List.of("java", "-version"),
                List.of(JAVA_PATH_ENV, "JAVA_HOME=/opt/java", "JAVA_VERSION=" + version), null, null,
                Map.of("org.opencontainers.image.title", "wharf/" + flavor, "dev.wharf.java.modules", String.join(",", modules)),
                null, null);
        return remember(key, ImageAssembler.assemble(blobs, List.of(baseLayer, layer), cfg,
                List.of("wharf image bootstrap: busybox", "wharf image bootstrap: jlink " + version + " " + String.join(",", modules))));
    }

    /** Writes an OCI layout of an image in the store to {@code target} (for {@code skopeo copy oci:DIR:tag ...}). */
    public Path writeLayout(String ref, Path target) throws IOException {
        ImageRef r = ImageRef.parse(ref);
        Image img = store.get(r).orElseThrow(() -> new IOException("image " + ref + " is not in the store"));
        Manifest m = Manifest.parse(blobs.read(img.manifestDigest()), null);
        ImageAssembler.writeLayout(target, m, blobs, r.tag(), r.toString());
        return target;
    }

    /**
     * Pushes the given stored images to {@code registry} (host:port) under their short names (busybox,
     * wharf/jre, wharf/jdk); returns "ref@digest" per image.
     */
    public List<String> push(RegistryClient client, String registry, RegistryCredentials creds, List<String> refs) throws IOException {
        List<String> out = new ArrayList<>();
        for (String ref : refs) {
            ImageRef local = ImageRef.parse(ref);
            Image img = store.get(local).orElseThrow(() -> new IOException("image " + ref + " is not in the store"));
            Manifest m = Manifest.parse(blobs.read(img.manifestDigest()), null);
            String repo = local.repository().startsWith("library/") ? local.repository().substring(8) : local.repository();
            ImageRef target = ImageRef.parse(registry + "/" + repo + ":" + local.tag());
            out.add(target + "@" + client.push(m, blobs, target, creds));
        }
        return out;
    }

    private Manifest cached(String key) throws IOException {
        Path f = dir.resolve(key + ".json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        JsonNode j = Json.parse(Files.readAllBytes(f));
        String digest = j.path("manifest").asText();
        if (!blobs.has(digest)) {
            return null;
        }
        Manifest m = Manifest.parse(blobs.read(digest), null);
        for (Descriptor d : m.layers()) {
            if (!blobs.has(d.digest())) {
                return null;
            }
        }
        return blobs.has(m.config().digest()) ? m : null;
    }

    private Manifest remember(String key, Manifest m) throws IOException {
        Files.write(dir.resolve(key + ".json"), Json.bytes(Json.object().put("manifest", m.digest())));
        return m;
    }

    private static String fileDigest(Path p) throws IOException {
        var md = Digests.sha256();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[64 * 1024];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
        }
        return Digests.format(md.digest());
    }

    private static String run(List<String> cmd) throws IOException {
        return ChildProcesses.run(cmd, Duration.ofMinutes(1));
    }
}
