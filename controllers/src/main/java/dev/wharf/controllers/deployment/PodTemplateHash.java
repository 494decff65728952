package dev.wharf.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code pod-template-hash} of a Deployment's template, as upstream computes it in spirit: FNV-32a of the
 * template (here its canonical JSON, keys sorted, without the pod-template-hash label), then the collision count
 * as 4 little-endian bytes when set, printed in decimal and "safe-encoded" into Kubernetes' vowel-less alphabet.
 */
public final class PodTemplateHash {
    public static final String LABEL = "pod-template-hash";
    private static final char[] ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

    private PodTemplateHash() {
    }

    public static String of(PodTemplateSpec template, Integer collisionCount) {
        ObjectNode tree = Json.tree(template);
        JsonNode labels = tree.path("metadata").path("labels");
        if (labels.isObject()) {
            ((ObjectNode) labels).remove(LABEL);
        }
        int hash = 0x811c9dc5;
        for (byte b : canonical(tree).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        if (collisionCount != null) {
            int c = collisionCount;
            for (int i = 0; i < 4; i++) {
                hash ^= (c >>> (8 * i)) & 0xff;
                hash *= 0x01000193;
            }
        }
        String decimal = Integer.toUnsignedString(hash);
        StringBuilder out = new StringBuilder(decimal.length());
        for (char ch : decimal.toCharArray()) {
            out.append(ALPHANUMS[ch % ALPHANUMS.length]);
        }
        return out.toString();
    }

    /** JSON with object keys sorted, so label order in a manifest does not change the hash. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            StringBuilder sb = new StringBuilder("{");
            for (String n : names) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(Json.string(n)).append(':').append(canonical(node.get(n)));
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(canonical(node.get(i)));
            }
            return sb.append(']').toString();
        }
        return node.toString();
    }
}
