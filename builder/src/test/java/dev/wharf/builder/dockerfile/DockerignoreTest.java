package dev.wharf.builder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerignoreTest {
    private static final Dockerignore RULES = Dockerignore.parse("""
            # comment
            *.log
            /build
            **/node_modules
            docs/**/*.md
            !docs/keep.md
            temp?
            [ab]x
            secret/
            !secret/public
            """);

    @ParameterizedTest
    @CsvSource(textBlock = """
            app.log, true
            sub/app.log, false
            build, true
            build/out/x.class, true
            node_modules, true
            a/b/node_modules/x.js, true
            docs/a/b.md, true
            docs/b.md, true
            docs/keep.md, false
            docs/b.txt, false
            temp1, true
            temp12, false
            ax, true
            cx, false
            secret/key, true
            secret/public, false
            src/Main.java, false
            """)
    void matchesLikeDocker(String path, boolean excluded) {
        assertThat(RULES.excluded(path)).as(path).isEqualTo(excluded);
    }
}
