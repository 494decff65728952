package dev.wharf.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.CliException;
import dev.wharf.cli.Session;
import dev.wharf.cli.WharfCommand;
import dev.wharf.cli.apply.BuildAnnotations;
import dev.wharf.cli.apply.ImageBuild;
import dev.wharf.cli.apply.ImageBuildHook;
import dev.wharf.cli.discovery.ApiResource;
import dev.wharf.cli.manifest.Manifest;
import dev.wharf.cli.manifest.ManifestReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wharf apply -f}: server-side apply of every object in the given files, directories or stdin. */
@Command(name = "apply", sortOptions = false,
        description = {"Create or update objects from YAML or JSON manifests, using server-side apply.",
            "Each object is printed with what happened to it: created, configured or unchanged.",
            "",
            "Examples:",
            "  wharf apply -f app.yaml          # each document of a multi-document file",
            "  wharf apply -f k8s/ -R           # every *.yaml, *.yml and *.json under k8s/",
            "  cat app.json | wharf apply -f -  # from standard input",
            "",
            "Objects annotated build.wharf.dev/images: '{\"CONTAINER\": \"./CONTEXT\"}' get their container images built",
            "from CONTEXT/Dockerfile (relative to the manifest) and pushed first, and run pinned to the pushed digest",
            "(IMAGE@sha256:...); --no-build skips that."})
public final class ApplyCommand extends WharfCommand {
    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "A manifest file, a directory of manifests, or - for standard input. Repeatable.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-R", "--recursive"}, description = "Also read the manifests in subdirectories of a directory.")
    boolean recursive;

    @Option(names = "--force-conflicts",
            description = "Take over fields that another field manager owns instead of failing with a conflict.")
    boolean forceConflicts;

    @Option(names = "--field-manager", defaultValue = "wharf", paramLabel = "NAME",
            description = "The name recorded as the owner of the applied fields. Default: ${DEFAULT-VALUE}.")
    String fieldManager;

    @Option(names = "--no-build", description = "Do not build the images that " + BuildAnnotations.ANNOTATION
            + " annotations ask for; apply the objects as they are.")
    boolean noBuild;

    private final ImageBuildHook imageBuilds;

    public ApplyCommand(CliEnvironment environment) {
        this(environment, ImageBuildHook.NONE);
    }

    public ApplyCommand(CliEnvironment environment, ImageBuildHook imageBuilds) {
        super(environment);
        this.imageBuilds = imageBuilds;
    }

    @Override
    protected int run(Session session) {
        List<Manifest> manifests = new ManifestReader(environment.stdin()).read(files, recursive);
        if (manifests.isEmpty()) {
            throw new CliException("error: no objects passed to apply (the files hold no manifests)");
        }
        List<ImageBuild> builds = BuildAnnotations.collect(manifests, Path.of("").toAbsolutePath());
        Map<String, String> digests = Map.of();
        if (!builds.isEmpty() && !noBuild) {
            digests = Map.copyOf(imageBuilds.buildAll(builds, new ImageBuildHook.Settings(session.kubeconfigPath(), out(), 3)));
            out().flush();
        }
        int failures = 0;
        for (Manifest manifest : manifests) {
            try {
                out().println(apply(session, manifest, digests));
                out().flush();
            } catch (Exception e) {
                failures++;
                err().println(session.explain(e, "error when applying " + manifest.location()).getMessage());
                err().flush();
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private String apply(Session session, Manifest manifest, Map<String, String> digests) {
        ApiResource resource = session.resolver().forKind(manifest.apiVersion(), manifest.kind());
        if (manifest.name().isEmpty()) {
            throw new CliException("error when applying " + manifest.location() + ": the " + manifest.kind()
                    + " has no metadata.name (apply needs a name; generateName only works with create)");
        }
        String namespace = namespaceFor(session, manifest, resource);
        ObjectNode object = BuildAnnotations.pinned(manifest, digests);
        if (resource.namespaced()) {
            object.withObject("metadata").put("namespace", namespace);
        } else {
            object.withObject("metadata").remove("namespace");
        }
        var collection = Generic.in(session, resource, namespace);
        GenericKubernetesResource before = collection.withName(manifest.name()).get();
        ServerSideApplicable<GenericKubernetesResource> applicable =
                collection.resource(Generic.fromTree(object)).fieldManager(fieldManager);
        if (forceConflicts) {
            applicable = applicable.forceConflicts();
        }
        GenericKubernetesResource after;
        try {
            after = applicable.serverSideApply();
        } catch (KubernetesClientException e) {
            if (before != null || e.getCode() != 404) {
                throw e;
            }
            // A server whose apply does not create missing objects (fabric8's mock, for one): create it instead.
            after = collection.resource(Generic.fromTree(object)).create();
        }
        String outcome = outcome(before, after);
        return resource.qualifiedKind() + "/" + manifest.name() + " " + outcome;
    }

    /** created when there was nothing before, unchanged when the resourceVersion stayed, else configured. */
    static String outcome(GenericKubernetesResource before, GenericKubernetesResource after) {
        if (before == null) {
            return "created";
        }
        if (after != null && Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
            return "unchanged";
        }
        return "configured";
    }

    private static String namespaceFor(Session session, Manifest manifest, ApiResource resource) {
        if (!resource.namespaced()) {
            return null;
        }
        String declared = manifest.namespace();
        if (declared.isEmpty()) {
            return session.namespace();
        }
        if (session.namespaceExplicit() && !declared.equals(session.namespace())) {
            throw new CliException("error when applying " + manifest.location() + ": the namespace of the object (\""
                    + declared + "\") does not match the namespace given with -n (\"" + session.namespace()
                    + "\"): remove one of them or make them agree");
        }
        return declared;
    }
}
