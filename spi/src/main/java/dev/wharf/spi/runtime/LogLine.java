package dev.wharf.spi.runtime;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One record of a container log file, parsed according to the runtime's {@link LogFormat}.
 *
 * @param time    when the runtime wrote it (CRI), null for RAW logs
 * @param stream  {@code stdout} or {@code stderr} (always {@code stdout} for RAW logs)
 * @param partial true when the record is the start of a longer line continued by the next record (CRI {@code P})
 */
public record LogLine(Instant time, String stream, boolean partial, String text) {
    /** Parses one line of a log file; a malformed CRI line comes back as RAW text. */
    public static LogLine parse(String line, LogFormat format) {
        if (format == LogFormat.CRI) {
            int a = line.indexOf(' ');
            int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
            int c = b < 0 ? -1 : line.indexOf(' ', b + 1);
            if (c > 0) {
                try {
                    Instant time = java.time.OffsetDateTime.parse(line.substring(0, a)).toInstant();
                    String tag = line.substring(b + 1, c);
                    return new LogLine(time, line.substring(a + 1, b), tag.startsWith("P"), line.substring(c + 1));
                } catch (DateTimeParseException e) {
                    // not CRI after all
                }
            } else if (b > 0 && line.length() == b + 2) {
                // "<time> <stream> F" with an empty message
                try {
                    Instant time = java.time.OffsetDateTime.parse(line.substring(0, a)).toInstant();
                    return new LogLine(time, line.substring(a + 1, b), line.charAt(b + 1) == 'P', "");
                } catch (DateTimeParseException e) {
                    // fall through
                }
            }
        }
        return new LogLine(null, "stdout", false, line);
    }
}
