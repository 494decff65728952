package dev.wharf.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against a Wharf kubeconfig, with its own discovery cache dir. */
public final class Kubectl {
    private final Path binary;
    private final Path kubeconfig;
    private final Path cacheDir;

    public Kubectl(Path binary, Path kubeconfig, Path cacheDir) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.cacheDir = cacheDir;
    }

    /** The dispatcher on PATH, which picks the kubectl matching the server's minor version. */
    public static Kubectl dispatcher(WharfProcess wharf) {
        return new Kubectl(Tools.require("kubectl"), wharf.kubeconfig(), wharf.dataDir().resolve("kubectl-cache"));
    }

    /** A specific installed release, e.g. "1.27". */
    public static Kubectl release(WharfProcess wharf, String minor) {
        Path p = Tools.require("/usr/lib/google-cloud-sdk/bin/kubectl." + minor);
        return new Kubectl(p, wharf.kubeconfig(), wharf.dataDir().resolve("kubectl-cache-" + minor));
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs kubectl with {@code stdin} (may be null) and waits up to 60 s. */
    public Result runWithInput(String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--cache-dir=" + cacheDir);
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run kubectl: " + e, e);
        }
    }

    /** Starts kubectl in the background (for watches); the caller stops it. */
    public Process start(Path output, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--cache-dir=" + cacheDir);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(output.toFile()).redirectErrorStream(true);
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        return pb.start();
    }

    /** Runs and asserts success, returning stdout. */
    public String ok(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n" + r.stderr() + r.stdout());
        }
        return r.stdout();
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }
}
