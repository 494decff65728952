package dev.wharf.builder.fs;

import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Digests;
import dev.wharf.images.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Turns an overlay upper directory into a reproducible OCI layer: entries in sorted order (depth first, names
 * sorted per directory), every mtime set to one fixed epoch, numeric owners without names, no atime/ctime,
 * a gzip header without name or time. Deleted files (0/0 character devices) become {@code .wh.NAME} entries
 * and opaque directories get a {@code .wh..wh..opq} entry; hard links inside the layer stay hard links.
 */
public final class LayerTar {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    /** A written layer: the gzip blob's descriptor and the uncompressed tar's digest (the diff id). */
    public record Built(Descriptor descriptor, String diffId) { }

    private final long epochSeconds;
    private final Map<Object, String> inodes = new HashMap<>();

    private LayerTar(long epochSeconds) {
        this.epochSeconds = epochSeconds;
    }

    /** Writes the layer for {@code upper} into {@code blobs}. */
    public static Built fromUpper(Path upper, long epochSeconds, BlobStore blobs) throws IOException {
        return new LayerTar(epochSeconds).write(upper, blobs);
    }

    private Built write(Path upper, BlobStore blobs) throws IOException {
        Path tmp = blobs.tempFile("layer-");
        MessageDigest blobMd = Digests.sha256();
        MessageDigest tarMd = Digests.sha256();
        GzipParameters gz = new GzipParameters();
        gz.setModificationTime(0);
        gz.setOperatingSystem(255);
        gz.setCompressionLevel(6);
        try (OutputStream file = Files.newOutputStream(tmp);
             DigestOutputStream blobOut = new DigestOutputStream(file, blobMd);
             GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(blobOut, gz);
             DigestOutputStream tarOut = new DigestOutputStream(gzip, tarMd);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(tarOut)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            walk(tar, upper, "");
            tar.finish();
        }
        String digest = Digests.format(blobMd.digest());
        long size = Files.size(tmp);
        blobs.moveIn(tmp, digest);
        return new Built(new Descriptor(MediaTypes.OCI_LAYER_GZIP, digest, size), Digests.format(tarMd.digest()));
    }

    private void walk(TarArchiveOutputStream tar, Path dir, String prefix) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
        for (Path p : children) {
            String name = prefix + p.getFileName();
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,ino,nlink,dev", NOFOLLOW);
            int mode = (Integer) a.get("mode");
            if ((mode & S_IFMT) == S_IFCHR && ((Long) a.get("rdev")) == 0L) {
                String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
                put(tar, plain(parent + ".wh." + p.getFileName(), 0, 0, 0), null);
                continue;
            }
            int uid = (Integer) a.get("uid");
            int gid = (Integer) a.get("gid");
            if (Files.isSymbolicLink(p)) {
                TarArchiveEntry e = entry(name, TarArchiveEntry.LF_SYMLINK, 0120777, uid, gid);
                e.setLinkName(Files.readSymbolicLink(p).toString());
                put(tar, e, null);
            } else if (Files.isDirectory(p, NOFOLLOW)) {
                put(tar, entry(name + "/", TarArchiveEntry.LF_DIR, 040000 | (mode & 07777), uid, gid), null);
                if (opaque(p)) {
                    put(tar, plain(name + "/.wh..wh..opq", 0, 0, 0), null);
                }
                walk(tar, p, name + "/");
            } else if (Files.isRegularFile(p, NOFOLLOW)) {
                Object key = List.of(a.get("dev"), a.get("ino"));
                String first = ((Integer) a.get("nlink")) > 1 ? inodes.putIfAbsent(key, name) : null;
                if (first != null) {
                    TarArchiveEntry e = entry(name, TarArchiveEntry.LF_LINK, 0100000 | (mode & 07777), uid, gid);
                    e.setLinkName(first);
                    put(tar, e, null);
                } else {
                    TarArchiveEntry e = plain(name, mode & 07777, uid, gid);
                    e.setSize(Files.size(p));
                    put(tar, e, p);
                }
            }
            // FIFOs, sockets and device nodes made by RUN steps are not carried into layers.
        }
    }

    private static boolean opaque(Path dir) {
        try {
            UserDefinedFileAttributeView v = Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class, NOFOLLOW);
            if (v == null || !v.list().contains("overlay.opaque")) {
                return false;
            }
            ByteBuffer b = ByteBuffer.allocate(v.size("overlay.opaque"));
            v.read("overlay.opaque", b);
            return b.flip().remaining() == 1 && b.get() == 'y';
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private TarArchiveEntry plain(String name, int perm, int uid, int gid) {
        return entry(name, TarArchiveEntry.LF_NORMAL, 0100000 | perm, uid, gid);
    }

    private TarArchiveEntry entry(String name, byte type, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(mode);
        e.setModTime(new Date(epochSeconds * 1000));
        e.setIds(uid, gid);
        e.setUserName("");
        e.setGroupName("");
        return e;
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, Path content) throws IOException {
        tar.putArchiveEntry(e);
        if (content != null) {
            try (InputStream in = Files.newInputStream(content)) {
                in.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }
}
