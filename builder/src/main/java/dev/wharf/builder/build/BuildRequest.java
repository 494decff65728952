package dev.wharf.builder.build;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to build.
 *
 * @param context the build context directory
 * @param dockerfileName the name used in messages ("Dockerfile")
 * @param dockerfile the Dockerfile's text
 * @param buildArgs {@code --build-arg} values
 * @param target the stage to build, or null for the last
 */
public record BuildRequest(Path context, String dockerfileName, String dockerfile, Map<String, String> buildArgs, String target) {
    public BuildRequest {
        buildArgs = Map.copyOf(buildArgs);
    }
}
