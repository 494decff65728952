package dev.wharf.spi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogLineTest {
    @Test
    void parsesConmonsCriLines() {
        LogLine l = LogLine.parse("2026-11-27T20:50:26.574444155+00:00 stderr F hello world", LogFormat.CRI);
        assertThat(l.time()).isEqualTo(Instant.parse("2026-11-27T20:50:26.574444155Z"));
        assertThat(l.stream()).isEqualTo("stderr");
        assertThat(l.partial()).isFalse();
        assertThat(l.text()).isEqualTo("hello world");
        assertThat(LogLine.parse("2016-10-06T00:17:09.669794202Z stdout P part", LogFormat.CRI).partial()).isTrue();
        assertThat(LogLine.parse("2016-10-06T00:17:09.669794202Z stdout F", LogFormat.CRI).text()).isEmpty();
    }

    @Test
    void rawAndMalformedLinesAreTextOnly() {
        assertThat(LogLine.parse("just text here", LogFormat.RAW)).isEqualTo(new LogLine(null, "stdout", false, "just text here"));
        assertThat(LogLine.parse("not a time stdout F x", LogFormat.CRI).time()).isNull();
    }
}
