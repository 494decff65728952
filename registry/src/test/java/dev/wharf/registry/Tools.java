package dev.wharf.registry;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs real command-line tools in tests: skipped when absent on a laptop, a failure when absent under CI=true. */
final class Tools {
    private Tools() {
    }

    static void require(String tool) {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            present |= Files.isExecutable(Path.of(dir, tool));
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(tool + " is not installed and CI=true: the test must run");
        }
        Assumptions.assumeTrue(present, tool + " is not installed");
    }

    record Result(int exit, String output) {
    }

    static Result run(Path cwd, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tool-", ".log");
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static String ok(Path cwd, String... command) throws IOException, InterruptedException {
        Result r = run(cwd, command);
        if (r.exit() != 0) {
            fail(String.join(" ", command) + " exited " + r.exit() + ":\n" + r.output());
        }
        return r.output();
    }

    static String[] skopeo(String... args) {
        List<String> all = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
