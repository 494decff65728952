package dev.wharf.cli.print;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link Table} as kubectl does: upper-case headers, columns padded with three spaces (and at least six
 * characters wide, as Go's tabwriter with kubectl's settings), priority-1 columns only when wide, and a NAMESPACE
 * column first when listing across namespaces.
 */
public final class TablePrinter {
    private static final int PADDING = 3;
    private static final int MIN_WIDTH = 6;

    private final boolean wide;
    private final boolean withNamespace;

    public TablePrinter(boolean wide, boolean withNamespace) {
        this.wide = wide;
        this.withNamespace = withNamespace;
    }

    /** The header (when asked) and rows, aligned together, one string per line without trailing spaces. */
    public List<String> lines(Table table, boolean header) {
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (wide || table.columns().get(i).priority() == 0) {
                shown.add(i);
            }
        }
        List<List<String>> grid = new ArrayList<>();
        if (header) {
            List<String> names = new ArrayList<>();
            if (withNamespace) {
                names.add("NAMESPACE");
            }
            for (int i : shown) {
                names.add(table.columns().get(i).name().toUpperCase(Locale.ROOT));
            }
            grid.add(names);
        }
        for (Table.Row row : table.rows()) {
            List<String> cells = new ArrayList<>();
            if (withNamespace) {
                cells.add(row.namespace());
            }
            for (int i : shown) {
                cells.add(i < row.cells().size() ? row.cells().get(i) : "");
            }
            grid.add(cells);
        }
        return align(grid);
    }

    /** Pads every column but the last to its widest cell plus three spaces. */
    public static List<String> align(List<List<String>> grid) {
        int columns = grid.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> line : grid) {
            for (int c = 0; c < line.size() - 1; c++) {
                widths[c] = Math.max(widths[c], Math.max(MIN_WIDTH, line.get(c).length() + PADDING));
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> line : grid) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < line.size(); c++) {
                String cell = line.get(c);
                text.append(cell);
                if (c < line.size() - 1) {
                    text.append(" ".repeat(widths[c] - cell.length()));
                }
            }
            out.add(text.toString().stripTrailing());
        }
        return out;
    }
}
