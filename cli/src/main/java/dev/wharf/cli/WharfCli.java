package dev.wharf.cli;

import dev.wharf.cli.apply.ImageBuildHook;
import dev.wharf.cli.command.ApplyCommand;
import dev.wharf.cli.command.CreateCommand;
import dev.wharf.cli.command.DeleteCommand;
import dev.wharf.cli.command.DescribeCommand;
import dev.wharf.cli.command.GetCommand;
import dev.wharf.cli.command.LogsCommand;
import dev.wharf.cli.command.ScaleCommand;
import dev.wharf.cli.command.VersionCommand;
import dev.wharf.cli.config.ConfigCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wharf} command line verbs. The server module creates the root command (and adds {@code dev} and
 * {@code server}); {@link #build(CommandLine)} adds these verbs to it. {@link #main} runs them alone.
 */
public final class WharfCli {
    private WharfCli() {
    }

    /** Adds the CLI verbs to {@code root}, bound to the real environment; returns {@code root}. */
    public static CommandLine build(CommandLine root) {
        return build(root, CliEnvironment.system());
    }

    /** Adds the CLI verbs to {@code root}, bound to {@code environment} (tests pass their own). */
    public static CommandLine build(CommandLine root, CliEnvironment environment) {
        return build(root, environment, ImageBuildHook.NONE);
    }

    /** Adds the CLI verbs to {@code root}, with {@code imageBuilds} building what {@code apply}'s manifests ask for. */
    public static CommandLine build(CommandLine root, ImageBuildHook imageBuilds) {
        return build(root, CliEnvironment.system(), imageBuilds);
    }

    /** Adds the CLI verbs to {@code root}, bound to {@code environment}, with {@code imageBuilds} for apply. */
    public static CommandLine build(CommandLine root, CliEnvironment environment, ImageBuildHook imageBuilds) {
        root.addSubcommand(new ApplyCommand(environment, imageBuilds));
        root.addSubcommand(new GetCommand(environment));
        root.addSubcommand(new DescribeCommand(environment));
        root.addSubcommand(new DeleteCommand(environment));
        root.addSubcommand(new CommandLine(new CreateCommand()).addSubcommand(new CreateCommand.Namespace(environment)));
        root.addSubcommand(new ScaleCommand(environment));
        root.addSubcommand(new LogsCommand(environment));
        root.addSubcommand(new VersionCommand(environment));
        root.addSubcommand(ConfigCommand.build(environment));
        return root;
    }

    /** A stand-alone root command with only the CLI verbs. */
    public static CommandLine newRoot(CliEnvironment environment) {
        return build(new CommandLine(new Root()), environment);
    }

    /** A stand-alone root command with only the CLI verbs, apply building images with {@code imageBuilds}. */
    public static CommandLine newRoot(CliEnvironment environment, ImageBuildHook imageBuilds) {
        return build(new CommandLine(new Root()), environment, imageBuilds);
    }

    /** This CLI's version, from the jar manifest ("dev" when run from classes). */
    public static String version() {
        String v = WharfCli.class.getPackage().getImplementationVersion();
        return "wharf " + (v == null ? "dev" : v);
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(newRoot(CliEnvironment.system()).execute(args));
    }

    /**
     * Keeps SLF4J's "no providers" notice off a command's output: a CLI prints sentences, not logging set-up
     * warnings. The server binary, which has a logging provider, may call this before running a CLI verb.
     */
    public static void quietLibraryLogging() {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    /** {@code wharf --version}. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version()};
        }
    }

    @Command(name = "wharf", mixinStandardHelpOptions = true, versionProvider = WharfCli.Version.class,
            description = {"Wharf's command line: drive a Wharf (or any Kubernetes) API server.",
                "It reads the kubeconfig from --kubeconfig, $KUBECONFIG, ~/.wharf/kubeconfig or ~/.kube/config."})
    static final class Root implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
