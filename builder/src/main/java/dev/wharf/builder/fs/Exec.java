package dev.wharf.builder.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a short host command (mount, umount) and fails with its output when it exits non-zero. */
public final class Exec {
    private Exec() {
    }

    public static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + rc + "): " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
