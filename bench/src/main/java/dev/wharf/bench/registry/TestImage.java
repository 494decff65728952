package dev.wharf.bench.registry;

import dev.wharf.common.Json;
import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writes an OCI layout with one image of several gzip'd tar layers of incompressible data. */
final class TestImage {
    private TestImage() {
    }

    /** Returns the total size of the image's blobs in bytes. */
    static long write(Path layout, String tag, int layers, long bytesPerLayer, RandomGenerator random) throws IOException {
        Path blobs = layout.resolve("blobs/sha256");
        Files.createDirectories(blobs);
        long total = 0;
        List<String> layerDescs = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            Path tmp = layout.resolve("layer.tmp");
            MessageDigest tarSha = Digest.sha256();
            MessageDigest gzSha = Digest.sha256();
            try (OutputStream file = new DigestOutputStream(Files.newOutputStream(tmp), gzSha);
                 OutputStream gz = new GZIPOutputStream(file, 1 << 16) {
                     {
                         def.setLevel(Deflater.BEST_SPEED);
                     }
                 };
                 OutputStream tar = new DigestOutputStream(gz, tarSha)) {
                tar.write(tarHeader("data/layer-" + i + ".bin", bytesPerLayer));
                byte[] buf = new byte[1 << 16];
                for (long left = bytesPerLayer; left > 0; left -= buf.length) {
                    random.nextBytes(buf);
                    tar.write(buf, 0, (int) Math.min(buf.length, left));
                }
                tar.write(new byte[(int) ((512 - bytesPerLayer % 512) % 512) + 1024]);
            }
            String hex = HexFormat.of().formatHex(gzSha.digest());
            long size = Files.size(tmp);
            Files.move(tmp, blobs.resolve(hex));
            total += size;
            layerDescs.add(desc("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:" + hex, size));
            diffIds.add("\"sha256:" + HexFormat.of().formatHex(tarSha.digest()) + "\"");
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
        total += put(blobs, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + desc("application/vnd.oci.image.config.v1+json", Digest.of(config).toString(), config.length)
                + ",\"layers\":[" + String.join(",", layerDescs) + "]}").getBytes(StandardCharsets.UTF_8);
        total += put(blobs, manifest);
        var index = Json.object().put("schemaVersion", 2);
        var d = index.putArray("manifests").addObject().put("mediaType", MediaTypes.OCI_MANIFEST)
                .put("digest", Digest.of(manifest).toString()).put("size", manifest.length);
        d.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        Files.write(layout.resolve("index.json"), Json.bytes(index));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return total;
    }

    private static long put(Path blobs, byte[] content) throws IOException {
        Files.write(blobs.resolve(Digest.of(content).hex()), content);
        return content.length;
    }

    private static String desc(String type, String digest, long size) {
        return "{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    /** A ustar header for one regular file. */
    private static byte[] tarHeader(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
