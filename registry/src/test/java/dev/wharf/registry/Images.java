package dev.wharf.registry;

import dev.wharf.common.Json;
import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import java.nio.charset.StandardCharsets;

/** Small valid manifests, configs and indexes for tests. */
final class Images {
    private Images() {
    }

    static byte[] config(String arch) {
        return ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.of(content) + "\",\"size\":" + content.length + "}";
    }

    static byte[] manifest(byte[] config, byte[]... layers) {
        return manifest(true, config, null, layers);
    }

    /** An OCI image manifest; {@code withMediaType=false} leaves the field out as umoci does. */
    static byte[] manifest(boolean withMediaType, byte[] config, String subject, byte[]... layers) {
        StringBuilder s = new StringBuilder("{\"schemaVersion\":2,");
        if (withMediaType) {
            s.append("\"mediaType\":\"").append(MediaTypes.OCI_MANIFEST).append("\",");
        }
        s.append("\"config\":").append(descriptor("application/vnd.oci.image.config.v1+json", config)).append(",\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            s.append(i > 0 ? "," : "").append(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layers[i]));
        }
        s.append("]");
        if (subject != null) {
            s.append(",\"subject\":").append(subject);
        }
        return s.append("}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An artifact manifest (empty config) referring to {@code subject}. */
    static byte[] artifact(String artifactType, String subject, byte[] emptyConfig, byte[] layer) {
        var root = Json.object().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST)
                .put("artifactType", artifactType);
        root.set("config", Json.parse(descriptor(MediaTypes.OCI_EMPTY, emptyConfig)));
        root.putArray("layers").add(Json.parse(descriptor("application/octet-stream", layer)));
        root.set("subject", Json.parse(subject));
        return Json.bytes(root);
    }

    static byte[] index(byte[]... manifests) {
        StringBuilder s = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[");
        String[] arch = {"amd64", "arm64", "s390x"};
        for (int i = 0; i < manifests.length; i++) {
            String d = descriptor(MediaTypes.OCI_MANIFEST, manifests[i]);
            s.append(i > 0 ? "," : "").append(d, 0, d.length() - 1)
                    .append(",\"platform\":{\"os\":\"linux\",\"architecture\":\"").append(arch[i]).append("\"}}");
        }
        return s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
