package dev.wharf.cli.apply;

import java.nio.file.Path;

/**
 * One image to build before applying: the container's {@code image} reference, the build context directory (its
 * Dockerfile inside), and who asked for it, for messages ("Deployment/frontend, container frontend").
 */
public record ImageBuild(String image, Path context, String requestedBy) {
}
