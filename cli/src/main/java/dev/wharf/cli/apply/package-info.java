/**
 * {@code wharf apply}'s image builds, CLI side: {@link dev.wharf.cli.apply.BuildAnnotations} reads the
 * {@code build.wharf.dev/images} annotation (container name to build context) and pins built images to their
 * digest; {@link dev.wharf.cli.apply.ImageBuildHook} is what the server module implements with the builder, so
 * that the CLI depends on no server code.
 */
package dev.wharf.cli.apply;
