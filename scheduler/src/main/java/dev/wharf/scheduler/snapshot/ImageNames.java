package dev.wharf.scheduler.snapshot;

/**
 * Normalizes image references as nodes report them: {@code busybox} -> {@code docker.io/library/busybox:latest},
 * so that a pod's {@code image:} matches the node's list whatever short form either side uses.
 */
public final class ImageNames {
    private ImageNames() {
    }

    public static String normalize(String image) {
        String name = image;
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            name = "docker.io/" + (slash < 0 ? "library/" : "") + name;
        }
        int lastSlash = name.lastIndexOf('/');
        if (!name.contains("@") && name.indexOf(':', lastSlash) < 0) {
            name = name + ":latest";
        }
        return name;
    }
}
