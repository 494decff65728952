package dev.wharf.images.unpack;

import dev.wharf.images.oci.Digests;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks one layer tar (plain, gzip, zstd when zstd-jni is on the class path) into a directory that overlayfs
 * can use as a lower layer: OCI whiteouts {@code .wh.NAME} become character devices 0/0 and opaque markers
 * {@code .wh..wh..opq} become the {@code overlay.opaque=y} xattr. Modes, symlinks, hardlinks, mtimes are kept,
 * and owners too when running as root. Entries that would escape the directory ({@code ..}, writing through a
 * symlink, hardlinks to outside) are refused: the whole layer fails.
 */
public final class LayerUnpacker {
    public static final String WHITEOUT_PREFIX = ".wh.";
    public static final String OPAQUE = ".wh..wh..opq";
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** What an unpack found. */
    public record Result(String diffId, int entries, int whiteouts, int opaqueDirs, boolean trustedXattrs) { }

    private final boolean root;

    public LayerUnpacker() {
        this(Host.isRoot());
    }

    LayerUnpacker(boolean root) {
        this.root = root;
    }

    /** Unpacks {@code layerBlob} (compression detected from its magic bytes) into the empty or new directory {@code target}. */
    public Result unpack(Path layerBlob, Path target) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(layerBlob), 64 * 1024)) {
            return unpack(raw, target);
        }
    }

    public Result unpack(InputStream compressedOrPlain, Path target) throws IOException {
        Files.createDirectories(target);
        Path rootDir = target.toRealPath();
        MessageDigest md = Digests.sha256();
        InputStream tarStream = new DigestInputStream(decompress(compressedOrPlain), md);
        State st = new State(rootDir);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarStream)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                apply(st, e, tar);
            }
            tarStream.transferTo(java.io.OutputStream.nullOutputStream());
        }
        finish(st);
        return new Result(Digests.format(md.digest()), st.entries, st.whiteouts, st.opaque.size(), st.trusted);
    }

    private static InputStream decompress(InputStream in) throws IOException {
        InputStream b = in.markSupported() ? in : new BufferedInputStream(in);
        b.mark(4);
        byte[] magic = b.readNBytes(4);
        b.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GzipCompressorInputStream(b, true);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            try {
                return new org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream(b);
            } catch (NoClassDefFoundError e) {
                throw new IOException("zstd-compressed layers are not supported on this node (zstd-jni is not installed)");
            }
        }
        return b;
    }

    private static final class State {
        final Path root;
        final List<Path> dirs = new ArrayList<>();
        final List<TarArchiveEntry> dirEntries = new ArrayList<>();
        final List<Path> opaque = new ArrayList<>();
        int entries;
        int whiteouts;
        boolean trusted = true;

        State(Path root) {
            this.root = root;
        }
    }

    private void apply(State st, TarArchiveEntry e, InputStream data) throws IOException {
        st.entries++;
        String name = e.getName();
        Path path = resolveInside(st.root, name);
        if (path.equals(st.root)) {
            if (e.isDirectory()) {
                st.dirs.add(path);
                st.dirEntries.add(e);
            }
            return;
        }
        Path parent = path.getParent();
        ensureParents(st.root, parent);
        String base = path.getFileName().toString();
        if (base.equals(OPAQUE)) {
            st.opaque.add(parent);
            return;
        }
        if (base.startsWith(WHITEOUT_PREFIX)) {
            Path hidden = parent.resolve(base.substring(WHITEOUT_PREFIX.length()));
            removeExisting(hidden);
            st.whiteouts++;
            if (!Host.mknod(hidden, "c", 0, 0, 0)) {
                // Unprivileged: overlayfs (6.7+) also accepts an empty file with overlay.whiteout in a dir marked
                // overlay.whiteouts; only the user.* namespace is writable here.
                Files.createFile(hidden);
                userXattr(hidden, "overlay.whiteout", "y");
                userXattr(parent, "overlay.whiteouts", "y");
                st.trusted = false;
            }
            return;
        }
        if (e.isDirectory()) {
            if (Files.exists(path, NOFOLLOW) && !Files.isDirectory(path, NOFOLLOW)) {
                Files.delete(path);
            }
            Files.createDirectories(path);
            st.dirs.add(path);
            st.dirEntries.add(e);
            return;
        }
        removeExisting(path);
        if (e.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(e.getLinkName()));
            owner(path, e);
            times(path, e);
        } else if (e.isLink()) {
            Path target = resolveInside(st.root, e.getLinkName());
            ensureNoSymlinkParents(st.root, target);
            if (!Files.exists(target, NOFOLLOW)) {
                throw new IOException("refusing hardlink " + name + " -> " + e.getLinkName() + ": target is not in this layer");
            }
            Files.createLink(path, target);
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            String type = e.isFIFO() ? "p" : e.isCharacterDevice() ? "c" : "b";
            if (Host.mknod(path, type, e.getDevMajor(), e.getDevMinor(), e.getMode())) {
                owner(path, e);
                times(path, e);
            }
        } else if (e.isFile()) {
            Files.copy(data, path);
            owner(path, e);
            mode(path, e.getMode());
            times(path, e);
        }
    }

    /** Resolves an entry name below root, refusing absolute escapes and any ".." component. */
    static Path resolveInside(Path root, String name) throws IOException {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        Path p = root;
        for (String part : n.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IOException("refusing layer entry \"" + name + "\": path traversal (\"..\")");
            }
            p = p.resolve(part);
        }
        if (!p.normalize().startsWith(root)) {
            throw new IOException("refusing layer entry \"" + name + "\": outside the layer");
        }
        return p;
    }

    private static void ensureParents(Path root, Path dir) throws IOException {
        ensureNoSymlinkParents(root, dir.resolve("x"));
        Files.createDirectories(dir);
    }

    /** Refuses writing through a symlink created by an earlier entry (a classic escape: "a -> /etc", then "a/passwd"). */
    private static void ensureNoSymlinkParents(Path root, Path path) throws IOException {
        Path rel = root.relativize(path);
        Path p = root;
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            p = p.resolve(rel.getName(i));
            if (Files.isSymbolicLink(p)) {
                throw new IOException("refusing layer entry \"" + rel + "\": its parent \"" + root.relativize(p)
                        + "\" is a symlink");
            }
            if (Files.exists(p, NOFOLLOW) && !Files.isDirectory(p, NOFOLLOW)) {
                throw new IOException("refusing layer entry \"" + rel + "\": its parent \"" + root.relativize(p)
                        + "\" is not a directory");
            }
        }
    }

    private static void removeExisting(Path path) throws IOException {
        if (!Files.exists(path, NOFOLLOW)) {
            return;
        }
        if (Files.isDirectory(path, NOFOLLOW)) {
            try (var walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } else {
            try {
                Files.delete(path);
            } catch (DirectoryNotEmptyException ignored) {
                // raced with nothing: layers are unpacked by one thread
            }
        }
    }

    private void finish(State st) throws IOException {
        for (Path dir : st.opaque) {
            if (!Files.isDirectory(dir, NOFOLLOW)) {
                continue;
            }
            userXattr(dir, "overlay.opaque", "y");
            if (!(Host.canSetTrustedXattr() && Host.setTrustedXattr(dir, "overlay.opaque", "y"))) {
                st.trusted = false;
            }
        }
        for (int i = st.dirs.size() - 1; i >= 0; i--) {
            Path dir = st.dirs.get(i);
            TarArchiveEntry e = st.dirEntries.get(i);
            if (!Files.isDirectory(dir, NOFOLLOW)) {
                continue; // replaced by a later entry (never chmod through a symlink)
            }
            owner(dir, e);
            mode(dir, e.getMode());
            times(dir, e);
        }
    }

    private void owner(Path p, TarArchiveEntry e) throws IOException {
        if (root) {
            Files.setAttribute(p, "unix:uid", (int) e.getLongUserId(), NOFOLLOW);
            Files.setAttribute(p, "unix:gid", (int) e.getLongGroupId(), NOFOLLOW);
        }
    }

    private static void mode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode & 07777);
    }

    private static void times(Path p, TarArchiveEntry e) {
        try {
            Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.from(e.getLastModifiedTime().toInstant()), null, null);
        } catch (IOException | UnsupportedOperationException ignored) {
            // mtimes are cosmetic; some filesystems refuse them on symlinks
        }
    }

    static void userXattr(Path p, String name, String value) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, NOFOLLOW);
        if (view == null) {
            throw new IOException("the filesystem of " + p + " has no extended attributes: cannot mark " + name);
        }
        view.write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Moves a freshly unpacked directory into place; false when another thread won the race. */
    public static boolean publish(Path tmpDir, Path finalDir) throws IOException {
        try {
            Files.move(tmpDir, finalDir, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            return false;
        }
    }
}
