package dev.wharf.builder.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resolves {@code user[:group]} (names or numbers) against a root filesystem's /etc/passwd and /etc/group. */
public final class Users {
    /** A numeric owner. */
    public record Owner(int uid, int gid) {
        public static final Owner ROOT = new Owner(0, 0);
    }

    private Users() {
    }

    public static Owner resolve(Path rootfs, String spec) throws IOException {
        if (spec == null || spec.isBlank()) {
            return Owner.ROOT;
        }
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        String group = colon < 0 ? null : spec.substring(colon + 1);
        int uid;
        Integer gid = null;
        if (user.matches("[0-9]+")) {
            uid = Integer.parseInt(user);
            String[] entry = find(rootfs.resolve("etc/passwd"), 2, user);
            if (entry != null) {
                gid = Integer.parseInt(entry[3]);
            }
        } else {
            String[] entry = find(rootfs.resolve("etc/passwd"), 0, user);
            if (entry == null) {
                throw new IOException("unable to find user " + user + ": no matching entries in passwd file");
            }
            uid = Integer.parseInt(entry[2]);
            gid = Integer.parseInt(entry[3]);
        }
        if (group != null && !group.isEmpty()) {
            if (group.matches("[0-9]+")) {
                gid = Integer.parseInt(group);
            } else {
                String[] entry = find(rootfs.resolve("etc/group"), 0, group);
                if (entry == null) {
                    throw new IOException("unable to find group " + group + ": no matching entries in group file");
                }
                gid = Integer.parseInt(entry[2]);
            }
        }
        return new Owner(uid, gid == null ? uid : gid); // Docker: a UID without GID uses the same number
    }

    private static String[] find(Path file, int column, String value) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length > 3 && f[column].equals(value)) {
                return f;
            }
        }
        return null;
    }
}
