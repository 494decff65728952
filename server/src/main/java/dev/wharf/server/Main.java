package dev.wharf.server;

import dev.wharf.cli.WharfCli;
import dev.wharf.server.cmd.AgentCommand;
import dev.wharf.server.cmd.DevCommand;
import dev.wharf.server.cmd.ImageCommand;
import dev.wharf.server.cmd.RegistryCommand;
import dev.wharf.server.cmd.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one binary: `wharf dev`, `wharf server`, and the CLI verbs (apply, get, describe, ...). */
@Command(name = "wharf", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Wharf: a self-hosted container service that speaks the Kubernetes API.",
        subcommands = {DevCommand.class, ServerCommand.class, AgentCommand.class, ImageCommand.class, RegistryCommand.class})
public final class Main {
    public static void main(String[] args) {
        CommandLine root = new CommandLine(new Main());
        WharfCli.build(root, new dev.wharf.server.apply.ApplyImageBuilds());
        System.exit(root.execute(args));
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wharf " + Version.WHARF};
        }
    }
}
