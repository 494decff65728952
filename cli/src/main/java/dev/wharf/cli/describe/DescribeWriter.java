package dev.wharf.cli.describe;

import dev.wharf.cli.print.TablePrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code describe} output: "Key:  value" fields aligned within each run of fields at the same indent,
 * free lines, and small tables, indented two spaces per level.
 */
final class DescribeWriter {
    private sealed interface Entry permits Field, Line {
        int level();
    }

    private record Field(int level, String key, String value) implements Entry {
    }

    private record Line(int level, String text) implements Entry {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** "Key:" and its value; an empty key continues the previous field's value on a new line. */
    DescribeWriter field(int level, String key, String value) {
        entries.add(new Field(level, key, value == null || value.isEmpty() ? "<none>" : value));
        return this;
    }

    /** A field whose value is several lines (labels, annotations): the first beside the key, the rest below. */
    DescribeWriter multi(int level, String key, List<String> values) {
        if (values.isEmpty()) {
            return field(level, key, "<none>");
        }
        field(level, key, values.get(0));
        for (String more : values.subList(1, values.size())) {
            field(level, "", more);
        }
        return this;
    }

    DescribeWriter line(int level, String text) {
        entries.add(new Line(level, text));
        return this;
    }

    /** Rows aligned as a table (the first row is the header). */
    DescribeWriter table(int level, List<List<String>> rows) {
        for (String text : TablePrinter.align(rows)) {
            line(level, text);
        }
        return this;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < entries.size()) {
            Entry e = entries.get(i);
            if (e instanceof Line line) {
                out.append("  ".repeat(line.level())).append(line.text()).append('\n');
                i++;
                continue;
            }
            int end = i;
            int width = 0;
            while (end < entries.size() && entries.get(end) instanceof Field f && f.level() == e.level()) {
                width = Math.max(width, f.key().isEmpty() ? 0 : f.key().length() + 1);
                end++;
            }
            for (int j = i; j < end; j++) {
                Field f = (Field) entries.get(j);
                String key = f.key().isEmpty() ? "" : f.key() + ":";
                String text = "  ".repeat(f.level()) + key + " ".repeat(width - key.length() + 2) + f.value();
                out.append(text.stripTrailing()).append('\n');
            }
            i = end;
        }
        return out.toString();
    }
}
