package dev.wharf.cli.command;

import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.CliException;
import dev.wharf.cli.Session;
import dev.wharf.cli.WharfCommand;
import dev.wharf.cli.discovery.ApiResource;
import dev.wharf.cli.manifest.Manifest;
import dev.wharf.cli.manifest.ManifestReader;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.StatusDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf delete}: delete the objects of manifests or named objects. */
@Command(name = "delete", sortOptions = false,
        description = {"Delete objects named on the command line or described by manifests.",
            "",
            "Examples:",
            "  wharf delete -f app.yaml",
            "  wharf delete deployment web",
            "  wharf delete pod/web-1 pod/web-2 --grace-period 0",
            "  wharf delete deploy web --cascade=orphan   # keep its replica sets and pods"})
public final class DeleteCommand extends WharfCommand {
    @Parameters(paramLabel = "KIND NAME...|KIND/NAME...", arity = "0..*", description = "What to delete, unless -f is given.")
    List<String> words = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-", description = "Delete the objects of these manifests.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-R", "--recursive"}, description = "Also read manifests in subdirectories.")
    boolean recursive;

    @Option(names = "--cascade", defaultValue = "background", paramLabel = "MODE",
            description = "background (default): delete now, owned objects after; foreground: owned objects first; orphan: keep owned objects.")
    String cascade;

    @Option(names = "--grace-period", defaultValue = "-1", paramLabel = "SECONDS",
            description = "Seconds a pod gets to stop; -1 uses the object's own setting, 0 stops it at once.")
    long gracePeriod;

    @Option(names = "--wait", description = "Wait until the objects are gone before returning.")
    boolean await;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS", description = "How long --wait waits. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    /** One object to delete; {@code context} names its manifest document in messages, or is null. */
    private record Victim(ApiResource resource, String namespace, String name, String context) {
    }

    public DeleteCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    protected int run(Session session) {
        DeletionPropagation propagation = switch (cascade.toLowerCase(Locale.ROOT)) {
            case "background", "true" -> DeletionPropagation.BACKGROUND;
            case "foreground" -> DeletionPropagation.FOREGROUND;
            case "orphan", "false" -> DeletionPropagation.ORPHAN;
            default -> throw new CliException("error: --cascade must be background, foreground or orphan, not \"" + cascade + "\"");
        };
        if (files.isEmpty() == words.isEmpty()) {
            throw new CliException("error: give either -f FILE or KIND NAME (or KIND/NAME), not " + (files.isEmpty() ? "neither" : "both"));
        }
        List<Victim> targets = new ArrayList<>();
        if (!files.isEmpty()) {
            for (Manifest m : new ManifestReader(environment.stdin()).read(files, recursive)) {
                ApiResource r = session.resolver().forKind(m.apiVersion(), m.kind());
                String ns = m.namespace().isEmpty() ? session.namespace() : m.namespace();
                targets.add(new Victim(r, ns, m.name(), "error when deleting " + m.location()));
            }
        } else {
            for (Targets.Target t : Targets.parse(session, words, "usage: wharf delete KIND NAME... or wharf delete -f FILE").targets()) {
                targets.add(new Victim(t.resource(), session.namespace(), t.name(), null));
            }
        }
        int failures = 0;
        for (Victim t : targets) {
            ApiResource r = t.resource();
            String ns = t.namespace();
            String name = t.name();
            try {
                var one = Generic.in(session, r, ns).withName(name);
                List<StatusDetails> deleted = gracePeriod >= 0
                        ? one.withGracePeriod(gracePeriod).withPropagationPolicy(propagation).delete()
                        : one.withPropagationPolicy(propagation).delete();
                if (deleted.isEmpty()) {
                    failures++;
                    err().println("Error from server (NotFound): " + (t.context() == null ? "" : t.context() + ": ")
                            + r.qualifiedPlural() + " \"" + name + "\" not found");
                    continue;
                }
                out().println(r.qualifiedKind() + " \"" + name + "\" deleted");
                out().flush();
                if (await) {
                    Generic.in(session, r, ns).withName(name).waitUntilCondition(Objects::isNull, timeoutSeconds, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                failures++;
                err().println(session.explain(e, t.context()).getMessage());
            }
            err().flush();
        }
        return failures == 0 ? 0 : 1;
    }
}
