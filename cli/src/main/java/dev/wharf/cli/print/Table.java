package dev.wharf.cli.print;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows to print: either a server-side {@code meta.k8s.io/v1 Table} or, when the server answers with plain
 * objects, the NAME and AGE columns kubectl falls back to.
 */
public record Table(List<Column> columns, List<Row> rows) {

    /** A column; {@code priority} 0 is always shown, higher only with {@code -o wide}. */
    public record Column(String name, int priority) {
    }

    /** One row's cells (already text) and the object (or PartialObjectMetadata) it came from, if sent. */
    public record Row(List<String> cells, JsonNode object) {
        public String namespace() {
            return object == null ? "" : object.path("metadata").path("namespace").asText("");
        }

        public String name() {
            return object == null ? "" : object.path("metadata").path("name").asText("");
        }
    }

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public static boolean isTable(JsonNode node) {
        return "Table".equals(node.path("kind").asText()) && node.path("apiVersion").asText().startsWith("meta.k8s.io/");
    }

    /** Parses a Table; {@code knownColumns} serve when the Table carries none (watch events after the first). */
    public static Table fromTable(JsonNode table, List<Column> knownColumns) {
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : table.path("columnDefinitions")) {
            columns.add(new Column(c.path("name").asText(), c.path("priority").asInt(0)));
        }
        if (columns.isEmpty() && knownColumns != null) {
            columns.addAll(knownColumns);
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : table.path("rows")) {
            List<String> cells = new ArrayList<>();
            for (JsonNode cell : r.path("cells")) {
                cells.add(cellText(cell));
            }
            JsonNode object = r.path("object");
            rows.add(new Row(cells, object.isObject() ? object : null));
        }
        return new Table(columns, rows);
    }

    /** NAME and AGE of plain objects, as kubectl shows them when the server sends no Table. */
    public static Table fromObjects(List<? extends JsonNode> objects, Instant now) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode object : objects) {
            String name = object.path("metadata").path("name").asText("");
            rows.add(new Row(List.of(name, age(object, now)), object));
        }
        return new Table(List.of(new Column("Name", 0), new Column("Age", 0)), rows);
    }

    /** The AGE of an object from its creationTimestamp, "<unknown>" without one. */
    public static String age(JsonNode object, Instant now) {
        String created = object.path("metadata").path("creationTimestamp").asText("");
        if (created.isEmpty()) {
            return "<unknown>";
        }
        try {
            return HumanDuration.format(Duration.between(Instant.parse(created), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    /** The objects of a list answer, or the answer itself when it is one object. */
    public static List<ObjectNode> items(JsonNode answer) {
        List<ObjectNode> items = new ArrayList<>();
        if (answer.has("items") && answer.path("items").isArray()) {
            for (JsonNode item : answer.path("items")) {
                items.add((ObjectNode) item);
            }
        } else if (answer.isObject()) {
            items.add((ObjectNode) answer);
        }
        return items;
    }

    static String cellText(JsonNode cell) {
        if (cell == null || cell.isNull() || cell.isMissingNode()) {
            return "<none>";
        }
        if (cell.isTextual()) {
            return cell.asText();
        }
        if (cell.isFloatingPointNumber() && cell.asDouble() == Math.rint(cell.asDouble())) {
            return Long.toString(cell.asLong());
        }
        if (cell.isValueNode()) {
            return cell.asText();
        }
        return cell.toString();
    }
}
