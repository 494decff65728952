package dev.wharf.server.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BuildLogTest {
    @Test
    void prefixesLinesAndIsCachedWhenEveryLayerStepWas() {
        StringWriter text = new StringWriter();
        BuildLog log = new BuildLog("shop/web", new PrintWriter(text));
        log.step(1, 4, "FROM 127.0.0.1:5000/wharf/jdk:21@sha256:ab", false);
        log.step(2, 4, "WORKDIR /src", false);
        log.step(3, 4, "COPY Web.java .", true);
        log.step(4, 4, "RUN javac Web.java", true);
        log.output("compiled");
        assertThat(log.allCached()).isTrue();
        log.step(5, 5, "COPY --from=build /out /app", false);
        assertThat(log.allCached()).isFalse();
        assertThat(text.toString()).contains("shop/web | CACHED [4/4] RUN javac Web.java\n", "shop/web |   compiled\n");
        assertThat(new BuildLog("x", new PrintWriter(new StringWriter())).allCached()).isFalse();
    }
}
