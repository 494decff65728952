package dev.wharf.builder.build;

import dev.wharf.builder.dockerfile.Dockerignore;
import dev.wharf.builder.fs.RootPath;
import dev.wharf.images.oci.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a COPY or ADD will write: each source matched (Go glob syntax per path component, {@code .dockerignore}
 * applied for the context), directories copied by content, and the in-image target of every file. The plan's
 * digest (targets, types, modes, contents) is the step's input digest for the layer cache.
 */
public final class CopyPlan {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    public enum Kind { DIR, FILE, LINK }

    /**
     * One thing to write.
     *
     * @param fileToPath true for a lone file copied to a destination without a trailing slash: when that path is
     *                   an existing directory in the image, the file goes inside it
     * @param top true for a source named (or glob-matched) by the instruction itself, not found inside a directory
     */
    public record Item(Path source, String target, Kind kind, boolean fileToPath, boolean top) { }

    private CopyPlan() {
    }

    /** Plans copying {@code srcs} from {@code srcRoot} to {@code dest} (absolute, in the image). */
    public static List<Item> plan(Path srcRoot, List<String> srcs, String dest, Dockerignore ignore) throws IOException {
        List<String> matches = new ArrayList<>();
        for (String src : srcs) {
            List<String> m = glob(srcRoot, src, ignore);
            if (m.isEmpty()) {
                throw new IOException("\"" + src + "\": no such file or directory"
                        + (ignore == Dockerignore.none() ? "" : " in the build context (or excluded by .dockerignore)"));
            }
            matches.addAll(m);
        }
        boolean destDir = dest.endsWith("/");
        if (matches.size() > 1 && !destDir) {
            throw new IOException("when copying more than one source, the destination must be a directory and end with a /");
        }
        String base = dest.equals("/") ? "" : dest.replaceAll("/+$", "");
        List<Item> items = new ArrayList<>();
        for (String rel : matches) {
            Path named = RootPath.resolve(srcRoot, rel);
            Path src = RootPath.resolveFollowing(srcRoot, rel);
            if (!Files.exists(src, NOFOLLOW)) {
                throw new IOException("\"" + rel + "\" is a symlink to a missing file");
            }
            if (Files.isDirectory(src, NOFOLLOW)) {
                walkDir(src, rel, base, ignore, items, true);
            } else {
                String name = rel.isEmpty() ? src.getFileName().toString() : named.getFileName().toString();
                String target = destDir ? base + "/" + name : base;
                items.add(new Item(src, target, kindOf(src), !destDir, true));
            }
        }
        return items;
    }

    private static void walkDir(Path dir, String rel, String base, Dockerignore ignore, List<Item> items, boolean top)
            throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        }
        if (!top) {
            items.add(new Item(dir, base, Kind.DIR, false, false));
        }
        for (Path c : children) {
            String childRel = rel.isEmpty() ? c.getFileName().toString() : rel + "/" + c.getFileName();
            if (ignore.excluded(childRel) && !(Files.isDirectory(c, NOFOLLOW) && ignore.hasExceptions())) {
                continue;
            }
            String target = base + "/" + c.getFileName();
            if (Files.isDirectory(c, NOFOLLOW)) {
                walkDir(c, childRel, target, ignore, items, false);
            } else if (!ignore.excluded(childRel)) {
                items.add(new Item(c, target, kindOf(c), false, false));
            }
        }
    }

    private static Kind kindOf(Path p) {
        return Files.isSymbolicLink(p) ? Kind.LINK : Files.isDirectory(p, NOFOLLOW) ? Kind.DIR : Kind.FILE;
    }

    /** Expands a source path component by component (relative to the root; '..' cannot leave it). */
    static List<String> glob(Path root, String src, Dockerignore ignore) throws IOException {
        List<String> parts = new ArrayList<>();
        for (String s : src.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.add(s);
        }
        List<String> current = new ArrayList<>(List.of(""));
        for (String part : parts) {
            List<String> next = new ArrayList<>();
            boolean magic = part.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
            for (String prefix : current) {
                Path dir = prefix.isEmpty() ? root : RootPath.resolve(root, prefix);
                if (!magic) {
                    String candidate = prefix.isEmpty() ? part : prefix + "/" + part;
                    if (Files.exists(RootPath.resolve(root, candidate), NOFOLLOW)) {
                        next.add(candidate);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                Pattern p = Pattern.compile(Dockerignore.toRegex(part));
                try (Stream<Path> s = Files.list(dir)) {
                    s.map(c -> c.getFileName().toString()).filter(n -> p.matcher(n).matches()).sorted()
                            .forEach(n -> next.add(prefix.isEmpty() ? n : prefix + "/" + n));
                }
            }
            current = next;
        }
        List<String> out = new ArrayList<>();
        for (String m : current) {
            if (m.isEmpty() || !ignore.excluded(m) || ignore.hasExceptions() && Files.isDirectory(root.resolve(m))) {
                out.add(m);
            }
        }
        return out;
    }

    /** A digest over every item's target, kind, mode and content. */
    public static String digest(List<Item> items) throws IOException {
        MessageDigest md = Digests.sha256();
        byte[] buf = new byte[64 * 1024];
        for (Item i : items) {
            md.update((i.kind() + " " + i.target() + " " + i.fileToPath() + "\n").getBytes(StandardCharsets.UTF_8));
            if (i.kind() == Kind.LINK) {
                md.update(Files.readSymbolicLink(i.source()).toString().getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int mode = (Integer) Files.getAttribute(i.source(), "unix:mode", NOFOLLOW) & 07777;
            md.update(("mode " + Integer.toOctalString(mode) + "\n").getBytes(StandardCharsets.UTF_8));
            if (i.kind() == Kind.FILE) {
                try (InputStream in = Files.newInputStream(i.source())) {
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        md.update(buf, 0, r);
                    }
                }
            }
        }
        return Digests.format(md.digest());
    }
}
