package dev.wharf.cli;

import dev.wharf.common.Clock;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI takes from the outside world, injected so that tests can run commands with their own environment
 * variables, home directory, standard input and clock.
 *
 * @param env   environment variables (KUBECONFIG)
 * @param home  the user's home directory (~/.wharf/kubeconfig, ~/.kube/config)
 * @param stdin read by {@code apply -f -}
 * @param clock computes AGE when the server sends plain objects instead of Tables
 */
public record CliEnvironment(Map<String, String> env, Path home, InputStream stdin, Clock clock) {

    public CliEnvironment {
        env = Map.copyOf(env);
    }

    /** The real process environment. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), dev.wharf.common.Homes.userHome(), System.in, Clock.system());
    }

    public String getenv(String name) {
        return env.get(name);
    }
}
