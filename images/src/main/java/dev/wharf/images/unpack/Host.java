package dev.wharf.images.unpack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small host facts and commands the unpacker needs that Java has no API for (mknod, trusted xattrs). */
public final class Host {
    private static final boolean ROOT = detectRoot();
    private static final Path SETFATTR = find("setfattr");

    private Host() {
    }

    public static boolean isRoot() {
        return ROOT;
    }

    /** True when trusted.* xattrs can be written (root and setfattr on PATH). */
    public static boolean canSetTrustedXattr() {
        return ROOT && SETFATTR != null;
    }

    private static boolean detectRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    public static Path find(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** mknod NAME TYPE [MAJOR MINOR]; type "c", "b" or "p". Returns false when it failed (not root, no mknod). */
    public static boolean mknod(Path file, String type, int major, int minor, int mode) {
        List<String> cmd = new ArrayList<>(List.of("mknod", "-m", Integer.toOctalString(mode & 07777), file.toString(), type));
        if (!type.equals("p")) {
            cmd.add(Integer.toString(major));
            cmd.add(Integer.toString(minor));
        }
        return run(cmd);
    }

    public static boolean setTrustedXattr(Path file, String name, String value) {
        return SETFATTR != null && run(List.of(SETFATTR.toString(), "-h", "-n", "trusted." + name, "-v", value, file.toString()));
    }

    private static boolean run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
