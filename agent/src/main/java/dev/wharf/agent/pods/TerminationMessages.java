package dev.wharf.agent.pods;

import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.LogLine;
import io.fabric8.kubernetes.api.model.Container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The message of a terminated container: the file the container wrote at terminationMessagePath (a host file the
 * agent bind-mounts there; 4096 bytes at most), or with {@code FallbackToLogsOnError} and a failure, the last
 * 80 lines (2048 bytes at most) of its log.
 */
final class TerminationMessages {
    static final int MAX_FILE = 4096;
    static final int MAX_LOG_BYTES = 2048;
    static final int MAX_LOG_LINES = 80;

    private TerminationMessages() {
    }

    static String read(PodSyncer syncer, PodState st, Container c, ContainerRun r, ContainerStatus rs) {
        Path file = syncer.terminationLog(st.uid, c.getName(), rs.restartCount());
        String msg = "";
        try {
            if (Files.isRegularFile(file)) {
                byte[] b = Files.readAllBytes(file);
                msg = new String(b, 0, Math.min(b.length, MAX_FILE), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            msg = "";
        }
        boolean failed = rs.exitCode() != null && rs.exitCode() != 0;
        if (msg.isEmpty() && failed && "FallbackToLogsOnError".equals(c.getTerminationMessagePolicy())) {
            msg = tail(syncer, st, c.getName(), rs.restartCount());
        }
        return msg;
    }

    private static String tail(PodSyncer syncer, PodState st, String container, int restart) {
        Path log = syncer.logPath(st.namespace, st.name, st.uid, container, restart);
        try {
            if (!Files.isRegularFile(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> texts = new ArrayList<>();
            for (String l : lines.subList(Math.max(0, lines.size() - MAX_LOG_LINES), lines.size())) {
                texts.add(LogLine.parse(l, syncer.runtime.logFormat()).text());
            }
            String joined = String.join("\n", texts) + (texts.isEmpty() ? "" : "\n");
            byte[] b = joined.getBytes(StandardCharsets.UTF_8);
            return b.length <= MAX_LOG_BYTES ? joined
                    : new String(b, b.length - MAX_LOG_BYTES, MAX_LOG_BYTES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
