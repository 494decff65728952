package dev.wharf.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one binary: `wharf dev`, `wharf server`, and the CLI verbs. */
@Command(name = "wharf", mixinStandardHelpOptions = true, version = "wharf 0.1.0",
        description = "Wharf: a self-hosted container service that speaks the Kubernetes API.")
public final class Main {
    public static void main(String[] args) {
        int rc = new CommandLine(new Main()).execute(args);
        System.exit(rc);
    }
}
