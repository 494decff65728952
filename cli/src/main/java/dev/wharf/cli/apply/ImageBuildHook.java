package dev.wharf.cli.apply;

import dev.wharf.cli.CliException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds and pushes the images that manifests ask for (annotation {@value BuildAnnotations#ANNOTATION}) before
 * {@code wharf apply} sends the objects. The CLI is only a client of the API, so it declares this hook and the
 * server module, which has the image builder, implements it; a CLI without one says it cannot build.
 */
public interface ImageBuildHook {

    /** Where the builds report and which cluster they are for. */
    record Settings(Path kubeconfig, PrintWriter out, int parallelism) {
    }

    /**
     * Builds every request and pushes it to the registry its image names, printing one or more progress lines per
     * image to {@code settings.out()}; returns when all are pushed.
     *
     * @return each built image reference (as given in {@link ImageBuild#image()}) to the manifest digest pushed
     *
     * @throws CliException when a build or push fails (the message says which image and why)
     */
    Map<String, String> buildAll(List<ImageBuild> builds, Settings settings);

    /** The hook of a CLI that has no image builder. */
    ImageBuildHook NONE = (builds, settings) -> {
        throw new CliException("error: the manifests ask for image builds (" + BuildAnnotations.ANNOTATION + ": "
                + builds.stream().map(ImageBuild::image).toList() + ") but this wharf CLI has no image builder;"
                + " use the full `wharf` binary, or build and push the images first and apply with --no-build");
    };
}
