package dev.wharf.gateway.dns;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** Runs real DNS clients (dig, busybox); skips when absent, fails instead under CI=true. */
final class Tools {
    private Tools() {
    }

    static void require(String tool) {
        boolean present = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(tool + " is required under CI=true");
        }
        Assumptions.assumeTrue(present, tool + " not installed");
    }

    record Result(int exit, String out) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** {@code dig @host -p port name type [extra...]} with one try of 3 s. */
    static String dig(java.net.InetSocketAddress server, String name, String type, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dig", "@" + server.getAddress().getHostAddress(),
                "-p", Integer.toString(server.getPort()), name, type, "+time=3", "+tries=1"));
        cmd.addAll(List.of(extra));
        return run(cmd).out();
    }

    /** The answer lines of dig +short. */
    static List<String> digShort(java.net.InetSocketAddress server, String name, String type, String... extra)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(extra));
        args.add("+short");
        return dig(server, name, type, args.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).toList();
    }

    /** The status word of dig's header (NOERROR, NXDOMAIN, SERVFAIL...). */
    static String digStatus(java.net.InetSocketAddress server, String name, String type, String... extra)
            throws IOException, InterruptedException {
        String out = dig(server, name, type, extra);
        int i = out.indexOf("status: ");
        if (i < 0) {
            return "no answer: " + out;
        }
        return out.substring(i + 8, out.indexOf(',', i));
    }
}
