package dev.wharf.builder.fs;

import dev.wharf.images.oci.Digests;
import dev.wharf.images.unpack.LayerUnpacker;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Unpacked layers usable as overlay lower directories, under {@code DIR/l/<first 16 hex of the diff id>} (short
 * names keep mount options small). Layers made by RUN and COPY steps are their overlay upper directories, kept as
 * they are; pulled layers are unpacked on first use. {@link #scaffold()} is the bottom layer of every build
 * mount: empty {@code /proc /sys /dev} and {@code /etc/hosts /etc/resolv.conf} so that runc's mount points exist
 * below the step's upper directory and never show up in its diff.
 */
public final class LayerDirs {
    private final Path root;

    public LayerDirs(Path dir) throws IOException {
        this.root = Files.createDirectories(dir.resolve("l"));
    }

    public Path dir(String diffId) {
        return root.resolve(Digests.hex(diffId).substring(0, 16));
    }

    public boolean has(String diffId) {
        return Files.isDirectory(dir(diffId));
    }

    /** Unpacks {@code blob} unless the layer is already here. */
    public Path ensure(String diffId, Path blob) throws IOException {
        Path target = dir(diffId);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path tmp = Files.createTempDirectory(root, "unpack-");
        try {
            LayerUnpacker.Result r = new LayerUnpacker().unpack(blob, tmp.resolve("d"));
            if (!r.diffId().equals(diffId)) {
                throw new IOException("layer " + blob.getFileName() + " has diff id " + r.diffId() + ", the image config says " + diffId);
            }
            adopt(diffId, tmp.resolve("d"));
        } finally {
            Trees.delete(tmp);
        }
        return target;
    }

    /** Moves a finished upper directory in as the layer {@code diffId} (dropped when one is already there). */
    public Path adopt(String diffId, Path upper) throws IOException {
        Path target = dir(diffId);
        if (Files.isDirectory(target)) {
            Trees.delete(upper);
            return target;
        }
        try {
            Files.move(upper, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(upper, target);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            Trees.delete(upper);
        }
        return target;
    }

    public Path scaffold() throws IOException {
        Path s = root.resolve("scaffold");
        if (!Files.isDirectory(s)) {
            Path tmp = Files.createTempDirectory(root, "scaffold-");
            for (String d : new String[] {"proc", "sys", "dev", "etc", "tmp"}) {
                Files.createDirectories(tmp.resolve(d));
            }
            Files.writeString(tmp.resolve("etc/hosts"), "");
            Files.writeString(tmp.resolve("etc/resolv.conf"), "");
            Files.writeString(tmp.resolve("etc/hostname"), "");
            Files.setAttribute(tmp.resolve("tmp"), "unix:mode", 01777);
            tmp.toFile().setReadable(true, false);
            tmp.toFile().setExecutable(true, false);
            try {
                Files.move(tmp, s, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Trees.delete(tmp);
            }
        }
        return s;
    }

    /** A fresh scratch directory on the same filesystem (uppers, work dirs, mount points). */
    public Path scratch(String prefix) throws IOException {
        return Files.createTempDirectory(root.getParent(), prefix);
    }
}
