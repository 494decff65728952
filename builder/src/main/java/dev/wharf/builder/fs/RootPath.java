package dev.wharf.builder.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Joins an in-image path to a host directory holding that image's root, resolving symlinks in the directories on
 * the way as the container would see them (an absolute link target starts again at the root; {@code ..} stops at
 * the root), so that writing to {@code /app/x} through a hostile {@code /app -> /} never touches the host.
 * {@link #resolve} does not follow the last component; {@link #resolveCreating} treats the whole path as
 * directories to reach.
 */
public final class RootPath {
    private static final int MAX_LINKS = 255;

    private RootPath() {
    }

    /** Resolves without creating anything. */
    public static Path resolve(Path root, String path) throws IOException {
        return walk(root, path, null);
    }

    /** Resolves and also follows the last component while it is a symlink (COPY sources, as BuildKit does). */
    public static Path resolveFollowing(Path root, String path) throws IOException {
        String current = path;
        for (int i = 0; i < MAX_LINKS; i++) {
            Path p = resolve(root, current);
            if (!Files.isSymbolicLink(p)) {
                return p;
            }
            String target = Files.readSymbolicLink(p).toString();
            int slash = current.lastIndexOf('/');
            current = target.startsWith("/") ? target : (slash < 0 ? "" : current.substring(0, slash)) + "/" + target;
        }
        throw new IOException("too many levels of symbolic links resolving " + path);
    }

    /** Resolves, creating missing directories on the way with {@code onCreate} applied to each. */
    public static Path resolveCreating(Path root, String path, DirCreated onCreate) throws IOException {
        return walk(root, path, onCreate);
    }

    /** Called for each directory created by {@link #resolveCreating}. */
    public interface DirCreated {
        void created(Path dir) throws IOException;
    }

    private static Path walk(Path root, String path, DirCreated onCreate) throws IOException {
        Deque<String> todo = new ArrayDeque<>(split(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            Path host = join(root, done).resolve(c);
            if (todo.isEmpty() && onCreate == null) {
                done.add(c);
                break;
            }
            if (Files.isSymbolicLink(host)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links resolving " + path);
                }
                String target = Files.readSymbolicLink(host).toString();
                List<String> parts = split(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                continue;
            }
            if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS) && onCreate != null) {
                Files.createDirectory(host);
                onCreate.created(host);
            }
            done.add(c);
        }
        return join(root, done);
    }

    private static Path join(Path root, List<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }
}
