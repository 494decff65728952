package dev.wharf.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.Session;
import dev.wharf.cli.WharfCli;
import dev.wharf.cli.WharfCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wharf version}: this CLI's version and the server's. */
@Command(name = "version", description = "Print the version of this CLI and of the Wharf server it talks to.")
public final class VersionCommand extends WharfCommand {
    @Option(names = "--client", description = "Only the client version; do not contact the server.")
    boolean clientOnly;

    public VersionCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        if (clientOnly) {
            spec.commandLine().getOut().println("Client Version: " + WharfCli.version());
            spec.commandLine().getOut().flush();
            return 0;
        }
        return super.call();
    }

    @Override
    protected int run(Session session) {
        out().println("Client Version: " + WharfCli.version());
        out().flush();
        JsonNode version = session.get("/version");
        out().println("Server Version: " + version.path("gitVersion").asText("unknown")
                + " (Kubernetes API " + version.path("major").asText("?") + "." + version.path("minor").asText("?") + ")");
        return 0;
    }
}
