package dev.wharf.cli.command;

import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.CliException;
import dev.wharf.cli.Session;
import dev.wharf.cli.WharfCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf scale KIND/NAME --replicas N}. */
@Command(name = "scale", sortOptions = false,
        description = {"Set the number of replicas of a deployment or replica set.",
            "",
            "Examples:",
            "  wharf scale deployment/web --replicas 3",
            "  wharf scale deploy web --replicas 0"})
public final class ScaleCommand extends WharfCommand {
    @Parameters(paramLabel = "KIND/NAME|KIND NAME", arity = "1..*", description = "What to scale.")
    List<String> words = new ArrayList<>();

    @Option(names = "--replicas", required = true, paramLabel = "N", description = "The number of replicas wanted.")
    int replicas;

    public ScaleCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    protected int run(Session session) {
        if (replicas < 0) {
            throw new CliException("error: --replicas must be 0 or more, not " + replicas);
        }
        int failures = 0;
        for (Targets.Target t : Targets.parse(session, words, "usage: wharf scale KIND/NAME --replicas N").targets()) {
            try {
                var one = Generic.in(session, t.resource(), session.namespace()).withName(t.name());
                GenericKubernetesResource scaled = one.patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"replicas\":" + replicas + "}}");
                if (scaled == null) {
                    throw new CliException("Error from server (NotFound): " + t.resource().qualifiedPlural() + " \"" + t.name() + "\" not found");
                }
                out().println(t.resource().qualifiedKind() + "/" + t.name() + " scaled");
            } catch (Exception e) {
                failures++;
                err().println(session.explain(e, null).getMessage());
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
