package dev.wharf.builder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImageBuildCommandTest {
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ImageBuildCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void missingDockerfileIsAUsageError() {
        assertThat(run("-t", "127.0.0.1:5000/team/app:1", "--data-dir", tmp.toString(), tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Dockerfile not found");
    }

    @Test
    void badArgumentsAreReported() throws IOException {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\n");
        assertThat(run("-t", "Bad Ref", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("invalid image reference");
        assertThat(run("-t", "x/y:1", "--build-arg", "NOEQUALS", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--build-arg NOEQUALS: expected KEY=VALUE");
        assertThat(run("-t", "x/y:1", "--creds", "nocolon", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--creds must be USER:PASSWORD");
    }

    @Test
    void dockerfileErrorsNameTheLine() throws IOException {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\nONBUILD RUN x\n");
        assertThat(run("-t", "127.0.0.1:5000/team/app:1", "--data-dir", tmp.resolve("d").toString(), tmp.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: Dockerfile:2: ONBUILD is not supported");
    }

    @Test
    void scratchImageWithOnlyMetadataBuildsWithoutRoot() throws IOException {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\nLABEL a=b\nCMD [\"/app\"]\n");
        Path layout = tmp.resolve("layout");
        assertThat(run("-t", "127.0.0.1:5000/team/app:1", "--data-dir", tmp.resolve("d").toString(),
                "--oci-layout", layout.toString(), tmp.toString())).as(err.toString()).isZero();
        String[] printed = out.toString().strip().split("\n");
        assertThat(printed[printed.length - 1]).matches("sha256:[0-9a-f]{64}");
        assertThat(Files.readString(layout.resolve("index.json"))).contains(printed[printed.length - 1]);
    }
}
