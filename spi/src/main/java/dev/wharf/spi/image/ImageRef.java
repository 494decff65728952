package dev.wharf.spi.image;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Docker-style image reference, normalised the way Docker does it: {@code busybox} is
 * {@code docker.io/library/busybox:latest}; {@code 127.0.0.1:5000/team/app:1} keeps its registry;
 * {@code name@sha256:...} pins a digest (a tag may be kept beside it but the digest wins).
 *
 * @param registry the registry host[:port] ("docker.io" for Docker Hub)
 * @param repository the repository path ("library/busybox")
 * @param tag the tag, or null when only a digest was given
 * @param digest "sha256:&lt;hex&gt;", or null
 */
public record ImageRef(String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

    public ImageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("an image reference needs a tag or a digest");
        }
    }

    /** Parses a reference; throws IllegalArgumentException with the reason when it is malformed. */
    public static ImageRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid image reference: empty");
        }
        String rest = text.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("invalid image reference \"" + text + "\": bad digest \"" + digest + "\"");
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
                registry = first;
                rest = rest.substring(slash + 1);
                if (!HOST.matcher(registry).matches()) {
                    throw new IllegalArgumentException("invalid image reference \"" + text + "\": bad registry \"" + registry + "\"");
                }
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid image reference \"" + text + "\": bad tag \"" + tag + "\"");
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("invalid image reference \"" + text + "\": no repository name");
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("invalid image reference \"" + text
                        + "\": repository name must be lowercase alphanumerics separated by . _ - /");
            }
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    /** registry/repository, e.g. "docker.io/library/busybox". */
    public String name() {
        return registry + "/" + repository;
    }

    /** What to ask the registry for: the digest when there is one, else the tag. */
    public String reference() {
        return digest != null ? digest : tag;
    }

    /** The same name pinned to a digest (tag dropped). */
    public ImageRef withDigest(String newDigest) {
        return new ImageRef(registry, repository, null, newDigest);
    }

    /** The same name with another tag (digest dropped). */
    public ImageRef withTag(String newTag) {
        return new ImageRef(registry, repository, newTag, null);
    }

    /** The canonical form: "docker.io/library/busybox:latest", "host/x@sha256:..." or "host/x:1@sha256:...". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name());
        if (tag != null) {
            sb.append(':').append(tag);
        }
        if (digest != null) {
            sb.append('@').append(digest);
        }
        return sb.toString();
    }
}
