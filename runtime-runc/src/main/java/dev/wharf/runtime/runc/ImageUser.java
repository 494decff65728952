package dev.wharf.runtime.runc;

import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.ImageRootfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The image config's USER ({@code user}, {@code uid}, {@code user:group}, {@code uid:gid}) as numeric ids, names
 * looked up in the image's own /etc/passwd and /etc/group (top-most layer that has the file), as Docker does.
 */
final class ImageUser {
    private ImageUser() {
    }

    static long[] resolve(ImageRootfs image) {
        String user = image.user();
        if (user.isEmpty()) {
            return new long[] {0, 0};
        }
        String[] parts = user.split(":", 2);
        long uid;
        long gid;
        if (parts[0].matches("\\d+")) {
            uid = Long.parseLong(parts[0]);
            gid = lookup(image, "etc/passwd", 2, String.valueOf(uid)).map(f -> Long.parseLong(f[3])).orElse(0L);
        } else {
            String[] entry = lookup(image, "etc/passwd", 0, parts[0])
                    .orElseThrow(() -> new ContainerRuntimeException("image user " + parts[0] + " not found in /etc/passwd"));
            uid = Long.parseLong(entry[2]);
            gid = Long.parseLong(entry[3]);
        }
        if (parts.length > 1) {
            gid = parts[1].matches("\\d+") ? Long.parseLong(parts[1])
                    : Long.parseLong(lookup(image, "etc/group", 0, parts[1])
                            .orElseThrow(() -> new ContainerRuntimeException("image group " + parts[1] + " not found in /etc/group"))[2]);
        }
        return new long[] {uid, gid};
    }

    /** The line of a colon-separated file whose field {@code index} equals {@code key}. */
    private static Optional<String[]> lookup(ImageRootfs image, String file, int index, String key) {
        List<Path> layers = image.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Path p = layers.get(i).resolve(file);
            if (Files.isRegularFile(p)) {
                try {
                    return Files.readAllLines(p).stream().map(l -> l.split(":", -1))
                            .filter(f -> f.length > 2 && f[index].equals(key)).findFirst();
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
