/**
 * {@code wharf apply}'s image builds, server side: {@link dev.wharf.server.apply.ApplyImageBuilds} implements the
 * CLI's {@link dev.wharf.cli.apply.ImageBuildHook} with the daemonless builder (cache DATA/builder, push with the
 * admin token); {@link dev.wharf.server.apply.LocalBootstrapBaseImages} takes base images from the registry, else the
 * bootstrap images from the node image store DATA/images that {@code wharf dev} fills, waiting for them up to 120 s.
 * See examples/shop/README.md for the user's view.
 */
package dev.wharf.server.apply;
