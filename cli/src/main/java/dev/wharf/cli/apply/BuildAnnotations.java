package dev.wharf.cli.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.manifest.Manifest;
import dev.wharf.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the image builds that manifests ask for. An object with a pod template (Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob) or a Pod may carry
 *
 * <pre>
 * metadata:
 *   annotations:
 *     build.wharf.dev/images: '{"frontend": "./frontend"}'
 * </pre>
 *
 * a JSON object from container name to build context directory, relative to the manifest file's directory (to the
 * working directory for standard input); the context holds a Dockerfile. The container's {@code image} is the tag
 * the build gets and the registry it is pushed to. The same image asked for twice with the same context builds once.
 */
public final class BuildAnnotations {
    public static final String ANNOTATION = "build.wharf.dev/images";

    private BuildAnnotations() {
    }

    /** The builds the manifests ask for, in manifest order, one per image. */
    public static List<ImageBuild> collect(List<Manifest> manifests, Path workingDir) {
        Map<String, ImageBuild> byImage = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            JsonNode value = manifest.object().path("metadata").path("annotations").path(ANNOTATION);
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            for (ImageBuild build : builds(manifest, value, workingDir)) {
                ImageBuild earlier = byImage.putIfAbsent(build.image(), build);
                if (earlier != null && !earlier.context().equals(build.context())) {
                    throw new CliException("error: the image " + build.image() + " is built from two contexts: "
                            + earlier.context() + " (" + earlier.requestedBy() + ") and " + build.context() + " ("
                            + build.requestedBy() + "); give one of them another image name");
                }
            }
        }
        return List.copyOf(byImage.values());
    }

    private static List<ImageBuild> builds(Manifest manifest, JsonNode value, Path workingDir) {
        String where = "error when reading " + manifest.location() + ": metadata.annotations[" + ANNOTATION + "]";
        JsonNode mapping;
        try {
            mapping = Json.MAPPER.readTree(value.asText());
        } catch (Exception e) {
            throw new CliException(where + " is not JSON: " + e.getMessage().lines().findFirst().orElse("")
                    + " (expected a JSON object of container name to build context, e.g. '{\"web\": \"./web\"}')", e);
        }
        if (mapping == null || !mapping.isObject() || mapping.isEmpty()) {
            throw new CliException(where + " must be a non-empty JSON object of container name to build context,"
                    + " e.g. '{\"web\": \"./web\"}'");
        }
        Map<String, String> images = containerImages(podSpec(manifest));
        Path base = manifest.source().equals("STDIN") ? workingDir
                : workingDir.resolve(manifest.source()).toAbsolutePath().normalize().getParent();
        List<ImageBuild> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String container = entry.getKey();
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw new CliException(where + "[" + container + "]: the build context must be a directory path string");
            }
            String image = images.get(container);
            if (image == null) {
                throw new CliException(where + " names the container \"" + container + "\", but the pod template has "
                        + (images.isEmpty() ? "no containers" : "only " + images.keySet()));
            }
            if (image.isBlank()) {
                throw new CliException(where + ": the container \"" + container + "\" has no image to tag the build with");
            }
            Path context = base.resolve(entry.getValue().asText()).normalize();
            if (!Files.isDirectory(context)) {
                throw new CliException(where + "[" + container + "]: the build context " + context + " is not a directory");
            }
            if (!Files.isRegularFile(context.resolve("Dockerfile"))) {
                throw new CliException(where + "[" + container + "]: there is no Dockerfile in " + context);
            }
            out.add(new ImageBuild(image, context, manifest.kind() + "/" + manifest.name() + ", container " + container));
        }
        return out;
    }

    /**
     * A copy of {@code object} whose containers that run a built image run it pinned to the pushed digest
     * ({@code host/app:1@sha256:...}), so that a changed build rolls the pods out and nodes never run a stale tag.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode pinned(Manifest manifest, Map<String, String> digests) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = manifest.object().deepCopy();
        if (digests.isEmpty()) {
            return copy;
        }
        JsonNode podSpec = podSpec(new Manifest(manifest.source(), manifest.document(), manifest.item(), copy));
        for (String field : List.of("initContainers", "containers")) {
            for (JsonNode c : podSpec.path(field)) {
                String digest = digests.get(c.path("image").asText(""));
                if (digest != null && c.isObject() && !c.path("image").asText().contains("@")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) c).put("image", c.path("image").asText() + "@" + digest);
                }
            }
        }
        return copy;
    }

    /** The pod spec of a Pod, of a CronJob's job template, or of any other pod template owner. */
    static JsonNode podSpec(Manifest manifest) {
        JsonNode spec = manifest.object().path("spec");
        return switch (manifest.kind()) {
            case "Pod" -> spec;
            case "CronJob" -> spec.path("jobTemplate").path("spec").path("template").path("spec");
            default -> spec.path("template").path("spec");
        };
    }

    private static Map<String, String> containerImages(JsonNode podSpec) {
        Map<String, String> images = new LinkedHashMap<>();
        for (String field : List.of("initContainers", "containers")) {
            for (JsonNode c : podSpec.path(field)) {
                images.put(c.path("name").asText(""), c.path("image").asText(""));
            }
        }
        return images;
    }
}
