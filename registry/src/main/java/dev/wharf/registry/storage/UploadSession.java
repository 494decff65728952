package dev.wharf.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * One blob upload in progress: a data file that grows by appended chunks and a running SHA-256 over it. The
 * size is what reached the file, so after a dropped connection the client resumes from {@code size()}.
 */
public final class UploadSession {
    private final String id;
    private final String repository;
    private final Path dir;
    private FileChannel channel;
    private MessageDigest running;
    private long size;

    UploadSession(String id, String repository, Path dir) throws IOException {
        this.id = id;
        this.repository = repository;
        this.dir = dir;
        Path data = data();
        this.size = Files.exists(data) ? Files.size(data) : 0;
        this.running = size == 0 ? Digest.sha256() : null;
    }

    public String id() {
        return id;
    }

    public String repository() {
        return repository;
    }

    public synchronized long size() {
        return size;
    }

    Path data() {
        return dir.resolve("data");
    }

    Path dir() {
        return dir;
    }

    /** Appends bytes at the end of the upload. */
    public synchronized void append(ByteBuffer bytes) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(data(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        ByteBuffer forDigest = bytes.duplicate();
        try {
            while (bytes.hasRemaining()) {
                size += channel.write(bytes);
            }
        } catch (IOException e) {
            running = null;
            size = channel.size();
            throw e;
        }
        if (running != null) {
            running.update(forDigest);
        }
    }

    /** Closes the data file after a request; the session stays open for further chunks. */
    public synchronized void pause() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was lost: size tracks what the file accepted
            }
            channel = null;
        }
    }

    /** The digest of everything received so far. */
    synchronized Digest digest() throws IOException {
        pause();
        if (running == null) {
            MessageDigest md = Digest.sha256();
            try (InputStream in = Files.newInputStream(data())) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            running = md;
        }
        try {
            return Digest.of((MessageDigest) running.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
