package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The entries of {@code metadata.managedFields}, read into mutable field sets and written back. */
final class ManagedFields {

    /** One managedFields entry. */
    static final class Entry {
        final String manager;
        final String operation;
        final String subresource;
        String apiVersion;
        String time;
        FieldSet fields;

        Entry(String manager, String operation, String subresource, String apiVersion, String time, FieldSet fields) {
            this.manager = manager;
            this.operation = operation;
            this.subresource = subresource == null ? "" : subresource;
            this.apiVersion = apiVersion;
            this.time = time;
            this.fields = fields;
        }

        boolean is(String manager, String operation, String subresource) {
            return this.manager.equals(manager) && this.operation.equals(operation) && this.subresource.equals(subresource);
        }

        /** How conflicts name this manager: {@code "kubectl-client-side-apply" using apps/v1}. */
        String describe() {
            String s = Json.string(manager);
            if (!subresource.isEmpty()) {
                s += " with subresource " + Json.string(subresource);
            }
            return operation.equals("Update") ? s + " using " + apiVersion : s;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    static ManagedFields read(JsonNode object) {
        ManagedFields m = new ManagedFields();
        JsonNode list = object == null ? null : object.path("metadata").get("managedFields");
        if (list != null && list.isArray()) {
            for (JsonNode e : list) {
                m.entries.add(new Entry(e.path("manager").asText(""), e.path("operation").asText("Update"),
                        e.path("subresource").asText(""), e.path("apiVersion").asText(""), e.path("time").asText(null),
                        FieldSet.fromJson(e.get("fieldsV1"))));
            }
        }
        return m;
    }

    List<Entry> entries() {
        return entries;
    }

    Entry find(String manager, String operation, String subresource) {
        return entries.stream().filter(e -> e.is(manager, operation, subresource)).findFirst().orElse(null);
    }

    Entry upsert(String manager, String operation, String subresource, String apiVersion, Instant now) {
        Entry e = find(manager, operation, subresource);
        if (e == null) {
            e = new Entry(manager, operation, subresource, apiVersion, null, new FieldSet());
            entries.add(e);
        }
        e.apiVersion = apiVersion;
        e.time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        return e;
    }

    /** Writes the entries (dropping empty ones) into {@code object.metadata.managedFields}. */
    void write(ObjectNode object) {
        ObjectNode meta = object.with("metadata");
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Entry e : entries) {
            if (e.fields.isEmpty()) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.put("manager", e.manager);
            o.put("operation", e.operation);
            o.put("apiVersion", e.apiVersion);
            if (e.time != null) {
                o.put("time", e.time);
            }
            o.put("fieldsType", "FieldsV1");
            o.set("fieldsV1", e.fields.toJson());
            if (!e.subresource.isEmpty()) {
                o.put("subresource", e.subresource);
            }
        }
        if (out.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", out);
        }
    }

    static boolean same(JsonNode a, JsonNode b) {
        return Objects.equals(a, b);
    }
}
