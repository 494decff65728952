package dev.wharf.server.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process runs as root: the effective uid in /proc/self/status (assumed root where it cannot be read). */
final class RootCheck {
    private RootCheck() {
    }

    static boolean isRoot() {
        try {
            return isRoot(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** From the text of /proc/PID/status: the "Uid:" line is real, effective, saved and file-system uid. */
    static boolean isRoot(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).strip().split("\\s+");
                return ids.length > 1 && ids[1].equals("0");
            }
        }
        return true;
    }
}
