package dev.wharf.builder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
    private static Dockerfile parse(String text) {
        return DockerfileParser.parse("Dockerfile", text);
    }

    private static Instruction only(String line) {
        return parse("FROM busybox\n" + line + "\n").stages().getFirst().body().getFirst();
    }

    @Test
    void everyInstructionParses() {
        Dockerfile df = parse("""
                # syntax=docker/dockerfile:1
                ARG BASE=busybox
                FROM ${BASE} AS build
                ARG VERSION=1
                ENV A=1 B="two words"
                ENV LEGACY value with spaces
                LABEL org.example.v=$VERSION other=x
                WORKDIR /src
                USER 1000:1000
                EXPOSE 8080 53/udp
                COPY --chown=1:2 --chmod=644 a b /dst/
                ADD app.tar.gz /opt/
                RUN echo hi && \\
                    echo there
                RUN ["/bin/echo", "exec"]
                SHELL ["/bin/sh", "-ec"]
                STOPSIGNAL SIGTERM
                HEALTHCHECK --interval=5s --retries=3 CMD wget -q -O- http://localhost/
                VOLUME /data
                ENTRYPOINT ["/app"]
                CMD --help
                FROM build
                COPY --from=build /src /src
                """);
        assertThat(df.globalArgs()).extracting(Instruction::keyword).containsExactly("ARG");
        assertThat(df.stages()).hasSize(2);
        Stage s = df.stages().getFirst();
        assertThat(s.name()).isEqualTo("build");
        assertThat(s.baseRaw()).isEqualTo("${BASE}");
        assertThat(s.body()).extracting(Instruction::keyword).containsExactly("ARG", "ENV", "ENV", "LABEL", "WORKDIR",
                "USER", "EXPOSE", "COPY", "ADD", "RUN", "RUN", "SHELL", "STOPSIGNAL", "HEALTHCHECK", "VOLUME",
                "ENTRYPOINT", "CMD");
        assertThat(s.body().get(1).args()).containsExactly("A", "1", "B", "\"two words\"");
        assertThat(s.body().get(2).args()).containsExactly("LEGACY", "value with spaces");
        Instruction copy = s.body().get(7);
        assertThat(copy.flags()).isEqualTo(Map.of("chown", "1:2", "chmod", "644"));
        assertThat(copy.args()).containsExactly("a", "b", "/dst/");
        Instruction run = s.body().get(9);
        assertThat(run.line()).isEqualTo(13);
        assertThat(run.json()).isFalse();
        assertThat(run.args()).containsExactly("echo hi &&     echo there");
        assertThat(s.body().get(10).args()).containsExactly("/bin/echo", "exec");
        assertThat(s.body().get(10).json()).isTrue();
        Instruction hc = s.body().get(13);
        assertThat(hc.flags()).containsEntry("interval", "5s").containsEntry("retries", "3");
        assertThat(hc.args()).containsExactly("CMD", "wget -q -O- http://localhost/");
        assertThat(df.stages().get(1).body().getFirst().flag("from")).isEqualTo("build");
        assertThat(df.warnings()).singleElement().asString().contains("syntax");
    }

    @Test
    void commentsAndBlankLinesInsideContinuationsAreSkipped() {
        Dockerfile df = parse("FROM busybox\nRUN echo a \\\n# a comment\n\n    b\n# trailing\nCMD x\n");
        List<Instruction> body = df.stages().getFirst().body();
        assertThat(body.getFirst().args()).containsExactly("echo a     b");
        assertThat(body.get(1).line()).isEqualTo(7);
    }

    @Test
    void escapeDirectiveSwitchesToBacktick() {
        Dockerfile df = parse("# escape=`\nFROM busybox\nRUN echo a `\n  b\nCOPY c:\\dir\\ /x/\n");
        assertThat(df.escape()).isEqualTo('`');
        assertThat(df.stages().getFirst().body().getFirst().args()).containsExactly("echo a   b");
        assertThat(df.stages().getFirst().body().get(1).args()).containsExactly("c:\\dir\\", "/x/");
    }

    @Test
    void platformFlagIsIgnoredWithAWarning() {
        Dockerfile df = parse("FROM --platform=linux/arm64 busybox\n");
        assertThat(df.warnings()).singleElement().asString().contains("Dockerfile:1").contains("--platform");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FROM busybox\\nONBUILD RUN x                  | Dockerfile:2: ONBUILD is not supported
            FROM busybox\\n\\nFOO bar                     | Dockerfile:3: unknown instruction: FOO
            RUN echo                                      | Dockerfile:1: RUN before the first FROM
            FROM busybox\\nRUN --mount=type=cache x       | Dockerfile:2: RUN --mount is not supported
            FROM busybox\\nRUN --network=host x           | Dockerfile:2: RUN --network is not supported
            FROM busybox\\nCOPY --link a b                | Dockerfile:2: COPY --link is not supported
            FROM busybox\\nADD --checksum=x a b           | Dockerfile:2: ADD --checksum is not supported
            FROM busybox\\nCOPY onlyone                   | Dockerfile:2: COPY requires at least two arguments
            FROM busybox\\nENV A=1 B                      | Dockerfile:2: Syntax error - can't find = in \"B\"
            FROM busybox\\nSHELL /bin/bash -c             | Dockerfile:2: SHELL requires the arguments to be in JSON form
            FROM busybox\\nHEALTHCHECK wget x             | Dockerfile:2: HEALTHCHECK must be followed by CMD
            FROM busybox AS                               | Dockerfile:1: FROM requires either one argument, or three
            FROM busybox AS 1bad                          | Dockerfile:1: invalid stage name
            FROM busybox AS a\\nFROM busybox AS a         | Dockerfile:2: duplicate stage name
            FROM busybox\\nUSER a b                       | Dockerfile:2: USER requires exactly one argument
            FROM busybox\\nRUN <<EOF                     | Dockerfile:2: RUN with a heredoc (<<) is not supported
            ARG ONLY=1                                    | no FROM instruction
            """)
    void errorsNameTheLine(String text, String message) {
        assertThatThrownBy(() -> parse(text.replace("\\n", "\n"))).isInstanceOf(DockerfileException.class)
                .hasMessageContaining(message);
    }

    @Test
    void jsonFormThatIsNotJsonFallsBackToShellForm() {
        Instruction run = only("RUN [not json");
        assertThat(run.json()).isFalse();
        assertThat(run.args()).containsExactly("[not json");
    }

    @Test
    void healthcheckNoneAndExecForm() {
        assertThat(only("HEALTHCHECK NONE").args()).containsExactly("NONE");
        Instruction hc = only("HEALTHCHECK CMD [\"/bin/true\"]");
        assertThat(hc.json()).isTrue();
        assertThat(hc.args()).containsExactly("CMD", "/bin/true");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(parse("from busybox as Base\nrun true\n").stages().getFirst().name()).isEqualTo("base");
    }
}
