package dev.wharf.cli.config;

import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.CliException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wharf config view|use-context|current-context|get-contexts}: read and switch the kubeconfig. */
@Command(name = "config", description = "Show or change the kubeconfig: which server, user and namespace commands use.")
public final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Mixin
    dev.wharf.cli.HelpOption helpOption = new dev.wharf.cli.HelpOption();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The subcommands, bound to {@code environment}. */
    public static CommandLine build(CliEnvironment environment) {
        return new CommandLine(new ConfigCommand())
                .addSubcommand(new View(environment))
                .addSubcommand(new UseContext(environment))
                .addSubcommand(new CurrentContext(environment))
                .addSubcommand(new GetContexts(environment));
    }

    /** Shared: find the file, run, report errors as sentences. */
    abstract static class Base implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        dev.wharf.cli.HelpOption helpOption = new dev.wharf.cli.HelpOption();

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig file (default: as for every command).")
        String kubeconfig;

        @Spec
        CommandSpec spec;

        private final CliEnvironment environment;

        Base(CliEnvironment environment) {
            this.environment = environment;
        }

        abstract void run(Kubeconfig config, PrintWriter out);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                run(Kubeconfig.read(new KubeconfigLocator(environment).locate(kubeconfig)), out);
                out.flush();
                return 0;
            } catch (CliException e) {
                out.flush();
                spec.commandLine().getErr().println(e.getMessage());
                spec.commandLine().getErr().flush();
                return e.exitCode();
            }
        }
    }

    @Command(name = "view", description = "Print the kubeconfig, with tokens, passwords and keys redacted (unless --raw).")
    static final class View extends Base {
        @Option(names = "--raw", description = "Show secrets and certificate data too.")
        boolean raw;

        View(CliEnvironment environment) {
            super(environment);
        }

        @Override
        void run(Kubeconfig config, PrintWriter out) {
            out.print(config.toYaml(raw));
        }
    }

    @Command(name = "use-context", description = "Make NAME the current context of the kubeconfig.")
    static final class UseContext extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "A context defined in the kubeconfig.")
        String name;

        UseContext(CliEnvironment environment) {
            super(environment);
        }

        @Override
        void run(Kubeconfig config, PrintWriter out) {
            config.useContext(name);
            out.println("Switched to context \"" + name + "\".");
        }
    }

    @Command(name = "current-context", description = "Print the name of the current context.")
    static final class CurrentContext extends Base {
        CurrentContext(CliEnvironment environment) {
            super(environment);
        }

        @Override
        void run(Kubeconfig config, PrintWriter out) {
            if (config.currentContext().isEmpty()) {
                throw new CliException("error: current-context is not set in " + config.path());
            }
            out.println(config.currentContext());
        }
    }

    @Command(name = "get-contexts", description = "List the contexts of the kubeconfig; * marks the current one.")
    static final class GetContexts extends Base {
        GetContexts(CliEnvironment environment) {
            super(environment);
        }

        @Override
        void run(Kubeconfig config, PrintWriter out) {
            out.println("CURRENT   NAME");
            for (String name : config.contextNames()) {
                out.println((name.equals(config.currentContext()) ? "*" : " ") + "         " + name);
            }
        }
    }
}
