package dev.wharf.images.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.spi.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the runtime part of an OCI/Docker image config JSON. */
final class ConfigParser {
    private ConfigParser() {
    }

    static ImageConfig parse(JsonNode configJson) {
        JsonNode c = configJson.path("config");
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<String> ports = new ArrayList<>();
        c.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        return new ImageConfig(strings(c.path("Entrypoint")), strings(c.path("Cmd")), strings(c.path("Env")),
                text(c.path("WorkingDir")), text(c.path("User")), labels, text(c.path("StopSignal")), ports);
    }

    /** rootfs.diff_ids: the uncompressed digests of the layers, lowest first. */
    static List<String> diffIds(JsonNode configJson) {
        return strings(configJson.path("rootfs").path("diff_ids"));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else if (n.isTextual()) {
            out.add(n.asText());
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
