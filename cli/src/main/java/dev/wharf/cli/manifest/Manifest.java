package dev.wharf.cli.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object read from a manifest, with where it came from so that errors can point at it.
 *
 * @param source   the file as the user named it, or "STDIN"
 * @param document 1-based position of the YAML document in the file (JSON files have one)
 * @param item     1-based position inside a {@code kind: List}, or 0 when the document is the object itself
 * @param object   the object as a JSON tree
 */
public record Manifest(String source, int document, int item, ObjectNode object) {

    public String apiVersion() {
        return object.path("apiVersion").asText("");
    }

    public String kind() {
        return object.path("kind").asText("");
    }

    public String name() {
        return object.path("metadata").path("name").asText("");
    }

    public String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }

    /** {@code "app.yaml" (document 2)} or {@code "app.yaml" (document 1, item 3)}, as used in messages. */
    public String location() {
        return location(source, document, item);
    }

    static String location(String source, int document, int item) {
        return "\"" + source + "\" (document " + document + (item > 0 ? ", item " + item : "") + ")";
    }
}
