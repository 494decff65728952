package dev.wharf.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the `wharf` binary's CLI verbs (the distribution's main class) in its own JVM, as a user would. */
public final class WharfCommand {
    private final Path kubeconfig;

    public WharfCommand(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    public Kubectl.Result run(String... args) {
        return run(Duration.ofSeconds(60), args);
    }

    /** Runs a verb that may take long (image builds), waiting up to {@code timeout}. */
    public Kubectl.Result run(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.wharf.server.Main");
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("wharf", ".out");
            Path err = Files.createTempFile("wharf", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("wharf " + String.join(" ", args) + " did not finish in " + timeout
                        + "; its output:\n" + Files.readString(out) + Files.readString(err));
            }
            Kubectl.Result r = new Kubectl.Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (Exception e) {
            throw new AssertionError("cannot run wharf: " + e, e);
        }
    }

    public String ok(String... args) {
        return ok(Duration.ofSeconds(60), args);
    }

    public String ok(Duration timeout, String... args) {
        Kubectl.Result r = run(timeout, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("wharf " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n" + r.stderr() + r.stdout());
        }
        return r.stdout();
    }
}
