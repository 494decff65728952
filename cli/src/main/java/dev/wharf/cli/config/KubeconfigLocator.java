package dev.wharf.cli.config;

import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.CliException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the kubeconfig file, in this order: {@code --kubeconfig}, the {@code KUBECONFIG} variable (the first
 * existing entry of its path list), {@code ~/.wharf/kubeconfig} (written by {@code wharf dev}), {@code ~/.kube/config}.
 */
public final class KubeconfigLocator {
    private final CliEnvironment environment;

    public KubeconfigLocator(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The file to use; an explicit {@code --kubeconfig} must exist, the defaults are tried in turn. */
    public Path locate(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isRegularFile(path)) {
                throw new CliException("the kubeconfig file " + path + " given with --kubeconfig does not exist");
            }
            return path;
        }
        List<Path> candidates = candidates();
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new CliException("no kubeconfig found (looked at " + String.join(", ", candidates.stream().map(Path::toString).toList())
                + "): start Wharf with `wharf dev`, which writes ~/.wharf/kubeconfig, or pass --kubeconfig FILE");
    }

    /** Every place looked at, in order, when no file is given explicitly. */
    public List<Path> candidates() {
        List<Path> paths = new ArrayList<>();
        String variable = environment.getenv("KUBECONFIG");
        if (variable != null) {
            for (String entry : variable.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    paths.add(Path.of(entry));
                }
            }
        }
        paths.add(environment.home().resolve(".wharf").resolve("kubeconfig"));
        paths.add(environment.home().resolve(".kube").resolve("config"));
        return paths;
    }
}
