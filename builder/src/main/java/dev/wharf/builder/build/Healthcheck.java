package dev.wharf.builder.build;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.builder.dockerfile.Instruction;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HEALTHCHECK into the config's {@code Healthcheck} (Docker's field names, durations in nanoseconds). */
final class Healthcheck {
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private Healthcheck() {
    }

    static void apply(ObjectNode config, Instruction in, List<String> shell) {
        ObjectNode h = config.putObject("Healthcheck");
        ArrayNode test = h.putArray("Test");
        List<String> a = in.args();
        if (a.getFirst().equals("NONE")) {
            test.add("NONE");
            return;
        }
        if (in.json()) {
            test.add("CMD");
            a.subList(1, a.size()).forEach(test::add);
        } else {
            test.add("CMD-SHELL");
            test.add(a.get(1));
        }
        duration(h, "Interval", in.flag("interval"));
        duration(h, "Timeout", in.flag("timeout"));
        duration(h, "StartPeriod", in.flag("start-period"));
        duration(h, "StartInterval", in.flag("start-interval"));
        String retries = in.flag("retries");
        if (retries != null) {
            try {
                h.put("Retries", Integer.parseInt(retries));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("HEALTHCHECK --retries must be a number, not \"" + retries + "\"");
            }
        }
    }

    private static void duration(ObjectNode h, String field, String value) {
        if (value != null) {
            h.put(field, nanos(value));
        }
    }

    /** Go duration syntax ("30s", "1m30s", "1.5s", "500ms") to nanoseconds. */
    static long nanos(String text) {
        Matcher m = PART.matcher(text);
        int pos = 0;
        BigDecimal total = BigDecimal.ZERO;
        while (m.find() && m.start() == pos) {
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNIT.get(m.group(2)))));
            pos = m.end();
        }
        if (pos != text.length() || text.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (use e.g. 30s, 1m30s, 500ms)");
        }
        return total.longValueExact();
    }
}
