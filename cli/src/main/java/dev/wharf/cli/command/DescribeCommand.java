package dev.wharf.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.Session;
import dev.wharf.cli.WharfCommand;
import dev.wharf.cli.describe.Describer;
import dev.wharf.cli.http.ApiErrors;
import dev.wharf.cli.print.ObjectPrinter;
import dev.wharf.cli.print.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wharf describe KIND NAME}: a readable description of objects, with their events. */
@Command(name = "describe",
        description = {"Describe objects in detail: metadata, what matters for the kind, and the events about them.",
            "A pod that waits for a node shows why the scheduler could not place it.",
            "",
            "Examples:",
            "  wharf describe pod web-7c9f-abcde",
            "  wharf describe deploy/web"})
public final class DescribeCommand extends WharfCommand {
    @Parameters(paramLabel = "KIND NAME...|KIND/NAME...", arity = "1..*", description = "What to describe.")
    List<String> words = new ArrayList<>();

    public DescribeCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    protected int run(Session session) {
        Describer describer = new Describer(path -> related(session, path), environment.clock().now());
        int failures = 0;
        boolean first = true;
        for (Targets.Target t : Targets.parse(session, words, "usage: wharf describe KIND NAME").targets()) {
            try {
                JsonNode object = session.get(Generic.objectPath(t.resource(), session.namespace(), t.name()));
                object = ObjectPrinter.withType((com.fasterxml.jackson.databind.node.ObjectNode) object,
                        t.resource().apiVersion(), t.resource().kind());
                if (!first) {
                    out().println();
                }
                out().print(describer.describe(object));
                out().flush();
                first = false;
            } catch (RuntimeException e) {
                failures++;
                err().println(session.explain(e, null).getMessage());
                err().flush();
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** Items of a related list; a list the server cannot answer (404, 400 on a field selector) is left out. */
    private static List<JsonNode> related(Session session, String path) {
        try {
            return new ArrayList<>(Table.items(session.get(path)));
        } catch (RuntimeException e) {
            if (e instanceof io.fabric8.kubernetes.client.KubernetesClientException k && k.getCode() >= 400 && k.getCode() < 500) {
                return List.of();
            }
            if (ApiErrors.isNotFound(e)) {
                return List.of();
            }
            throw e;
        }
    }
}
