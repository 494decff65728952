package dev.wharf.cli.print;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.common.Json;
import java.util.List;
import java.util.Locale;

/** {@code -o yaml}, {@code -o json} and {@code -o name}: one object as is, several as a {@code kind: List}. */
public final class ObjectPrinter {
    private ObjectPrinter() {
    }

    public static String yaml(JsonNode node) {
        try {
            return Json.YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new CliException("error: cannot print YAML: " + e.getOriginalMessage(), e);
        }
    }

    public static String json(JsonNode node) {
        try {
            return Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new CliException("error: cannot print JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A {@code v1 List} of the objects, as kubectl prints several objects. */
    public static ObjectNode list(List<? extends JsonNode> items) {
        ObjectNode list = Json.object();
        list.put("apiVersion", "v1");
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        list.put("kind", "List");
        list.putObject("metadata").put("resourceVersion", "");
        return list;
    }

    /** {@code deployment.apps/web}, {@code pod/web-1}: KIND.GROUP/NAME with the kind in lower case. */
    public static String name(String kind, String group, String name) {
        String lower = kind.toLowerCase(Locale.ROOT);
        return (group == null || group.isEmpty() ? lower : lower + "." + group) + "/" + name;
    }

    /** Fills in apiVersion and kind, which list items may lack. */
    public static ObjectNode withType(ObjectNode object, String apiVersion, String kind) {
        if (!object.hasNonNull("apiVersion") || !object.hasNonNull("kind")) {
            ObjectNode copy = Json.object();
            copy.put("apiVersion", apiVersion);
            copy.put("kind", kind);
            object.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
                    copy.set(e.getKey(), e.getValue());
                }
            });
            return copy;
        }
        return object;
    }
}
