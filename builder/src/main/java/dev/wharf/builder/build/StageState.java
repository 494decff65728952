package dev.wharf.builder.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage's image while it is built: the image config JSON (whose {@code config} object ENV, CMD, ... edit), its
 * layers, the chain key that names everything so far for the cache, and the ARGs in scope.
 */
final class StageState {
    final ObjectNode image;
    final List<Layer> layers;
    String chainKey;
    final Map<String, String> args = new LinkedHashMap<>();
    boolean cmdSet;

    StageState(ObjectNode image, List<Layer> layers, String chainKey) {
        this.image = image;
        this.layers = new ArrayList<>(layers);
        this.chainKey = chainKey;
        if (!image.path("config").isObject()) {
            image.putObject("config");
        }
        if (!image.path("history").isArray()) {
            image.putArray("history");
        }
    }

    static StageState scratch() {
        ObjectNode image = Json.object();
        image.put("architecture", "amd64");
        image.put("os", "linux");
        return new StageState(image, List.of(), BuildCache.key("", "scratch"));
    }

    StageState copy() {
        return new StageState(image.deepCopy(), layers, chainKey);
    }

    ObjectNode config() {
        return (ObjectNode) image.get("config");
    }

    ArrayNode history() {
        return (ArrayNode) image.get("history");
    }

    List<String> env() {
        List<String> out = new ArrayList<>();
        config().path("Env").forEach(e -> out.add(e.asText()));
        return out;
    }

    /** The value of an ENV variable, or null. */
    String envValue(String name) {
        for (String e : env()) {
            int eq = e.indexOf('=');
            if (eq > 0 && e.substring(0, eq).equals(name)) {
                return e.substring(eq + 1);
            }
        }
        return null;
    }

    void setEnv(String name, String value) {
        List<String> env = env();
        env.removeIf(e -> e.startsWith(name + "=") || e.equals(name));
        env.add(name + "=" + value);
        ArrayNode a = config().putArray("Env");
        env.forEach(a::add);
    }

    /** Substitution lookup: ENV wins over ARG, as in Docker. */
    String lookup(String name) {
        String v = envValue(name);
        return v != null ? v : args.get(name);
    }

    String workdir() {
        String w = config().path("WorkingDir").asText("");
        return w.isEmpty() ? "/" : w;
    }

    List<String> shell() {
        JsonNode s = config().path("Shell");
        if (!s.isArray() || s.isEmpty()) {
            return List.of("/bin/sh", "-c");
        }
        List<String> out = new ArrayList<>();
        s.forEach(e -> out.add(e.asText()));
        return out;
    }

    void setList(String field, List<String> values) {
        ArrayNode a = config().putArray(field);
        values.forEach(a::add);
    }
}
