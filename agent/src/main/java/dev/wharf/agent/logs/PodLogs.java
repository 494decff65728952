package dev.wharf.agent.logs;

import dev.wharf.agent.pods.PodSyncer;
import dev.wharf.api.ApiException;
import dev.wharf.common.Clock;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.LogFormat;
import dev.wharf.spi.runtime.LogLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl logs} for the pods of this node: reads a container's log files (the rotated one, then the live
 * one; the runtime's {@link LogFormat}), with {@code tailLines}, {@code sinceSeconds}, {@code timestamps},
 * {@code previous} (the instance before the last restart) and {@code follow} (the stream goes on until the
 * container exits or the reader closes it). The lead adapts it to the apiserver's log source.
 */
public final class PodLogs {
    private final PodSyncer syncer;
    private final ContainerRuntime runtime;
    private final Clock clock;

    public PodLogs(PodSyncer syncer, ContainerRuntime runtime, Clock clock) {
        this.syncer = syncer;
        this.runtime = runtime;
        this.clock = clock;
    }

    /**
     * @param container null picks the pod's only container (400 when there are several)
     * @throws ApiException 404 when the pod is not on this node, 400 for an unknown container or no previous one
     */
    public InputStream open(String namespace, String pod, String container, boolean follow, Long tailLines,
                            boolean timestamps, Long sinceSeconds, boolean previous) {
        List<String> names = syncer.containerNames(namespace, pod);
        if (names.isEmpty()) {
            throw ApiException.notFound("pods", "", pod);
        }
        if (container == null || container.isEmpty()) {
            if (names.size() != 1) {
                throw ApiException.badRequest("a container name must be specified for pod " + pod
                        + ", choose one of: " + names);
            }
            container = names.getFirst();
        }
        PodSyncer.ContainerRef ref = syncer.container(namespace, pod, container);
        if (ref == null) {
            throw ApiException.badRequest("container " + container + " is not valid for pod " + pod);
        }
        Path live = ref.logPath();
        if (previous) {
            if (ref.restartCount() == 0) {
                throw ApiException.badRequest("previous terminated container \"" + container + "\" in pod \"" + pod
                        + "\" not found");
            }
            live = live.resolveSibling((ref.restartCount() - 1) + ".log");
            follow = false;
        }
        LogFormat format = runtime.logFormat();
        Instant since = sinceSeconds == null ? null : clock.now().minusSeconds(sinceSeconds);
        List<String> out = new ArrayList<>();
        long offset = 0;
        Path rotated = live.resolveSibling(live.getFileName() + ".1");
        try {
            if (Files.isRegularFile(rotated)) {
                format(Files.readAllBytes(rotated), format, timestamps, since, out);
            }
            if (Files.isRegularFile(live)) {
                byte[] bytes = Files.readAllBytes(live);
                int complete = lastNewline(bytes) + 1;
                offset = complete;
                format(java.util.Arrays.copyOf(bytes, complete), format, timestamps, since, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tailLines != null && tailLines >= 0 && out.size() > tailLines) {
            out = out.subList((int) (out.size() - tailLines), out.size());
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (String line : out) {
            buf.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        InputStream head = new ByteArrayInputStream(buf.toByteArray());
        if (!follow) {
            return head;
        }
        String id = ref.containerId();
        return new SequenceInputStream(head, new Follower(live, offset, format, timestamps,
                () -> id != null && runtime.find(id).map(ContainerStatus::running).orElse(false)));
    }

    /** Formats complete lines of a log file, joining CRI partial records. */
    static void format(byte[] bytes, LogFormat format, boolean timestamps, Instant since, List<String> out) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        StringBuilder pending = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            LogLine l = LogLine.parse(raw, format);
            pending.append(l.text());
            if (l.partial()) {
                continue;
            }
            if (since == null || l.time() == null || !l.time().isBefore(since)) {
                out.add((timestamps && l.time() != null ? l.time() + " " : "") + pending + "\n");
            }
            pending.setLength(0);
        }
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads lines appended to the live file until the container stops running and the file is drained. */
    private static final class Follower extends InputStream {
        private final Path file;
        private final LogFormat format;
        private final boolean timestamps;
        private final java.util.function.BooleanSupplier running;
        private long offset;
        private byte[] buf = new byte[0];
        private int pos;
        private boolean closed;

        Follower(Path file, long offset, LogFormat format, boolean timestamps, java.util.function.BooleanSupplier running) {
            this.file = file;
            this.offset = offset;
            this.format = format;
            this.timestamps = timestamps;
            this.running = running;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= buf.length) {
                if (closed) {
                    return -1;
                }
                boolean alive = running.getAsBoolean();
                if (!fill() && !alive) {
                    return -1;
                }
                if (pos >= buf.length) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1;
                    }
                }
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        /** Reads the complete lines appended since the offset; true when something was read. */
        private boolean fill() throws IOException {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long size = f.length();
                if (size < offset) {
                    offset = 0; // rotated: the live file starts again
                }
                if (size == offset) {
                    return false;
                }
                byte[] chunk = new byte[(int) Math.min(size - offset, 1 << 20)];
                f.seek(offset);
                f.readFully(chunk);
                int complete = lastNewline(chunk) + 1;
                if (complete == 0) {
                    return false;
                }
                offset += complete;
                List<String> lines = new ArrayList<>();
                format(java.util.Arrays.copyOf(chunk, complete), format, timestamps, null, lines);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                lines.forEach(l -> out.writeBytes(l.getBytes(StandardCharsets.UTF_8)));
                buf = out.toByteArray();
                pos = 0;
                return true;
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
