package dev.wharf.common;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's home directory as shells and other tools see it: {@code $HOME} when set, else the JVM's
 * {@code user.home} (which comes from the password database and ignores {@code HOME}). So {@code HOME=/tmp/x wharf
 * dev} keeps its data in /tmp/x/.wharf, as {@code HOME=/tmp/x kubectl} reads /tmp/x/.kube.
 */
public final class Homes {
    private Homes() {
    }

    public static Path userHome() {
        return userHome(System.getenv());
    }

    static Path userHome(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }

    /** The default data directory, {@code ~/.wharf}. */
    public static Path wharfDir() {
        return userHome().resolve(".wharf");
    }
}
