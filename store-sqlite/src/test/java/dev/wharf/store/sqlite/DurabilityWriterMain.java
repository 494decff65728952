package dev.wharf.store.sqlite;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link SqliteDurabilityTest}: writer threads create keys forever and print
 * {@code ack <key> <revision>;} after each create returned, until the parent kills the process.
 */
public final class DurabilityWriterMain {
    private DurabilityWriterMain() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        SqliteStore store = SqliteStore.open(db);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread.ofPlatform().name("writer-" + t).start(() -> {
                for (long n = 0; ; n++) {
                    String key = "/durable/" + id + "/" + n;
                    long rev = store.create(key, ("value of " + key).getBytes(StandardCharsets.UTF_8))
                            .orElseThrow().modRevision();
                    synchronized (out) {
                        out.println("ack " + key + " " + rev + ";");
                    }
                }
            });
        }
    }
}
