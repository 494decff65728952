package dev.wharf.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/** A printer made of its columns and a function from (object, now) to cells. */
record SimplePrinter(List<Column> columns, BiFunction<JsonNode, Instant, List<Object>> cellFunction) implements Printer {
    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        return cellFunction.apply(object, now);
    }
}
