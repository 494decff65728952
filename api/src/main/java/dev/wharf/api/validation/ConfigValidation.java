package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/** ValidateConfigMap and ValidateSecret: keys, sizes, typed secrets. */
final class ConfigValidation {
    static final int MAX_SIZE = 1024 * 1024;

    private ConfigValidation() {
    }

    static void configMap(Causes causes, JsonNode cm) {
        long total = keys(causes, cm.path("data"), "data", false);
        for (Iterator<Map.Entry<String, JsonNode>> it = cm.path("binaryData").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            causes.invalidEach("binaryData[" + e.getKey() + "]", e.getKey(), Names.configMapKey(e.getKey()));
            if (cm.path("data").has(e.getKey())) {
                causes.invalid("binaryData[" + e.getKey() + "]", e.getKey(), "duplicate of key present in data");
            }
            total += decodedLength(e.getValue().asText());
        }
        if (total > MAX_SIZE) {
            causes.tooLong("", MAX_SIZE);
        }
    }

    static void secret(Causes causes, JsonNode secret, JsonNode old) {
        long total = keys(causes, secret.path("data"), "data", true);
        for (Iterator<Map.Entry<String, JsonNode>> it = secret.path("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!isBase64(e.getValue().asText(""))) {
                causes.invalid("data[" + e.getKey() + "]", new GoValues.Raw("\"<secret contents redacted>\""),
                        "illegal base64 data");
            }
        }
        total += keys(causes, secret.path("stringData"), "stringData", false);
        if (total > MAX_SIZE) {
            causes.tooLong("data", MAX_SIZE);
        }
        String type = secret.path("type").asText("");
        JsonNode data = secret.path("data");
        switch (type) {
            case "kubernetes.io/tls" -> {
                requireKey(causes, secret, "tls.crt");
                requireKey(causes, secret, "tls.key");
            }
            case "kubernetes.io/dockerconfigjson" -> requireKey(causes, secret, ".dockerconfigjson");
            case "kubernetes.io/dockercfg" -> requireKey(causes, secret, ".dockercfg");
            case "kubernetes.io/basic-auth" -> {
                if (!data.has("username") && !data.has("password") && !secret.path("stringData").has("username")
                        && !secret.path("stringData").has("password")) {
                    causes.required("data[username]", "");
                    causes.required("data[password]", "");
                }
            }
            case "kubernetes.io/ssh-auth" -> requireKey(causes, secret, "ssh-privatekey");
            default -> {
            }
        }
        if (old != null) {
            causes.immutable("type", secret.get("type"), old.get("type"));
            if (old.path("immutable").asBoolean(false)) {
                if (!GoValues.same(secret.get("data"), old.get("data"))) {
                    causes.forbidden("data", "field is immutable when `immutable` is set");
                }
                if (!secret.path("immutable").asBoolean(false)) {
                    causes.forbidden("immutable", "field is immutable when `immutable` is set");
                }
            }
        }
    }

    static void configMapUpdate(Causes causes, JsonNode cm, JsonNode old) {
        if (old.path("immutable").asBoolean(false)) {
            if (!GoValues.same(cm.get("data"), old.get("data"))) {
                causes.forbidden("data", "field is immutable when `immutable` is set");
            }
            if (!GoValues.same(cm.get("binaryData"), old.get("binaryData"))) {
                causes.forbidden("binaryData", "field is immutable when `immutable` is set");
            }
            if (!cm.path("immutable").asBoolean(false)) {
                causes.forbidden("immutable", "field is immutable when `immutable` is set");
            }
        }
    }

    private static void requireKey(Causes causes, JsonNode secret, String key) {
        if (!secret.path("data").has(key) && !secret.path("stringData").has(key)) {
            causes.required("data[" + key + "]", "");
        }
    }

    private static long keys(Causes causes, JsonNode map, String path, boolean base64) {
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            causes.invalidEach(path + "[" + e.getKey() + "]", e.getKey(), Names.configMapKey(e.getKey()));
            String value = e.getValue().asText("");
            total += base64 ? decodedLength(value) : value.getBytes(StandardCharsets.UTF_8).length;
        }
        return total;
    }

    private static boolean isBase64(String b64) {
        try {
            Base64.getDecoder().decode(b64);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long decodedLength(String b64) {
        try {
            return Base64.getDecoder().decode(b64).length;
        } catch (IllegalArgumentException e) {
            return b64.length();
        }
    }
}
