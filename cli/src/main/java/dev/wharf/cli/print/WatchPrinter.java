package dev.wharf.cli.print;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.CliException;
import dev.wharf.common.Clock;
import dev.wharf.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Follows a watch stream ({@code {"type":"ADDED","object":{...}}} per line) and prints one row per event, like
 * {@code kubectl get -w}: Table objects print their cells, plain objects NAME and AGE. Ends when the server
 * closes the stream; an ERROR event ends it with the server's message.
 */
public final class WatchPrinter {
    private final TablePrinter printer;
    private final Clock clock;
    private final UnaryOperator<Table> decorate;
    private List<Table.Column> columns;
    private boolean headerPrinted;

    /** {@code columns} from the initial list (null if none yet); {@code decorate} may prefix names with the kind. */
    public WatchPrinter(TablePrinter printer, Clock clock, List<Table.Column> columns, boolean headerPrinted,
            UnaryOperator<Table> decorate) {
        this.printer = printer;
        this.clock = clock;
        this.columns = columns;
        this.headerPrinted = headerPrinted;
        this.decorate = decorate;
    }

    public void follow(BufferedReader events, PrintWriter out) {
        try {
            String line;
            while ((line = events.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = Json.parse(line);
                String type = event.path("type").asText();
                JsonNode object = event.path("object");
                if (type.equals("ERROR")) {
                    throw new CliException("error: the watch ended: " + object.path("message").asText(object.toString()));
                }
                if (type.equals("BOOKMARK")) {
                    continue;
                }
                Table table;
                if (Table.isTable(object)) {
                    table = Table.fromTable(object, columns);
                    if (columns == null || columns.isEmpty()) {
                        columns = table.columns();
                    }
                } else {
                    table = Table.fromObjects(List.of(object), clock.now());
                }
                for (String text : printer.lines(decorate.apply(table), !headerPrinted)) {
                    out.println(text);
                }
                headerPrinted = true;
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
