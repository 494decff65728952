package dev.wharf.cli.command;

import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.Session;
import dev.wharf.cli.WharfCommand;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wharf create namespace NAME}. */
@Command(name = "create", description = "Create an object from the command line (see its subcommands).")
public final class CreateCommand implements Runnable {
    @picocli.CommandLine.Mixin
    dev.wharf.cli.HelpOption helpOption = new dev.wharf.cli.HelpOption();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code wharf create namespace NAME}. */
    @Command(name = "namespace", aliases = "ns", description = {"Create a namespace.", "", "Example:", "  wharf create namespace demo"})
    public static final class Namespace extends WharfCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The new namespace's name (lower case letters, digits and '-').")
        String name;

        public Namespace(CliEnvironment environment) {
            super(environment);
        }

        @Override
        protected int run(Session session) {
            session.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
            out().println("namespace/" + name + " created");
            return 0;
        }
    }
}
