package dev.wharf.builder.build;

import dev.wharf.builder.dockerfile.Dockerignore;
import dev.wharf.builder.fs.RootPath;
import dev.wharf.builder.fs.Trees;
import dev.wharf.builder.fs.Users;
import dev.wharf.images.unpack.LayerUnpacker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link CopyPlan} into a mounted step root. Owners: {@code --chown} when given, else the source's owner
 * when {@code preserveOwners} (COPY --from, archives), else root. Modes: {@code --chmod} when given, else the
 * source's. Directories created on the way get 0755 and the same owner.
 */
public final class CopyExecutor {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final Users.Owner chown;
    private final Integer chmod;
    private final boolean preserveOwners;

    public CopyExecutor(Path root, Users.Owner chown, Integer chmod, boolean preserveOwners) {
        this.root = root;
        this.chown = chown;
        this.chmod = chmod;
        this.preserveOwners = preserveOwners;
    }

    public void apply(List<CopyPlan.Item> items) throws IOException {
        for (CopyPlan.Item item : items) {
            write(item);
        }
    }

    /** ADD of a local archive: extracted (gzip or plain tar) into {@code destDir}, owners from the archive. */
    public void extract(Path archive, String destDir, Path scratch) throws IOException {
        Path tmp = Files.createTempDirectory(scratch, "add-");
        try {
            new LayerUnpacker().unpack(archive, tmp.resolve("x"));
            List<CopyPlan.Item> items = CopyPlan.plan(tmp.resolve("x"), List.of("."), destDir.endsWith("/") ? destDir : destDir + "/",
                    Dockerignore.none());
            new CopyExecutor(root, chown, chmod, true).apply(items);
        } finally {
            Trees.delete(tmp);
        }
    }

    /** True for files that start like a tar (possibly gzip-compressed): what ADD extracts. */
    public static boolean isArchive(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512);
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return true;
            }
            return head.length >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
        }
    }

    private void write(CopyPlan.Item item) throws IOException {
        String target = item.target();
        int slash = target.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : target.substring(0, slash);
        Path dir = RootPath.resolveCreating(root, parent, d -> own(d, 0755, ownerFor(null)));
        if (target.equals("/") || target.isEmpty()) {
            return;
        }
        Path host = dir.resolve(target.substring(slash + 1));
        if (item.fileToPath() && Files.isDirectory(host, NOFOLLOW)) {
            host = host.resolve(item.source().getFileName().toString());
        }
        switch (item.kind()) {
            case DIR -> {
                if (!Files.isDirectory(host, NOFOLLOW)) {
                    Files.deleteIfExists(host);
                    Files.createDirectory(host);
                }
                own(host, modeOf(item.source()), ownerFor(item.source()));
            }
            case FILE -> {
                if (Files.isDirectory(host, NOFOLLOW)) {
                    throw new IOException("cannot copy file " + item.source().getFileName() + " over the directory " + target);
                }
                Files.deleteIfExists(host);
                Files.copy(item.source(), host);
                own(host, modeOf(item.source()), ownerFor(item.source()));
            }
            case LINK -> {
                if (Files.isDirectory(host, NOFOLLOW)) {
                    Trees.delete(host);
                }
                Files.deleteIfExists(host);
                Files.createSymbolicLink(host, Files.readSymbolicLink(item.source()));
                Users.Owner o = ownerFor(item.source());
                Files.setAttribute(host, "unix:uid", o.uid(), NOFOLLOW);
                Files.setAttribute(host, "unix:gid", o.gid(), NOFOLLOW);
            }
        }
    }

    private int modeOf(Path source) throws IOException {
        if (chmod != null) {
            return chmod;
        }
        return (Integer) Files.getAttribute(source, "unix:mode", NOFOLLOW) & 07777;
    }

    private Users.Owner ownerFor(Path source) throws IOException {
        if (chown != null) {
            return chown;
        }
        if (preserveOwners && source != null) {
            return new Users.Owner((Integer) Files.getAttribute(source, "unix:uid", NOFOLLOW),
                    (Integer) Files.getAttribute(source, "unix:gid", NOFOLLOW));
        }
        return Users.Owner.ROOT;
    }

    private static void own(Path p, int mode, Users.Owner owner) throws IOException {
        Files.setAttribute(p, "unix:uid", owner.uid(), NOFOLLOW);
        Files.setAttribute(p, "unix:gid", owner.gid(), NOFOLLOW);
        Files.setAttribute(p, "unix:mode", mode, NOFOLLOW);
    }
}
