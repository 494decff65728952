package dev.wharf.bench.api;

import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ConfigMap creates per second and their latency, with N concurrent clients over the HTTPS API of a running
 * `wharf dev`, durable (the SQLite store acknowledges after fsync). Prints the disk's own fsync ceiling, measured
 * in the same run, for comparison.
 *
 * <p>{@code client} is {@code jdk} (the JDK HttpClient, default) or {@code raw} (one blocking SSLSocket per client,
 * {@link RawHttpsConnection}): on 2 cores the JDK client itself burns about twice the server's CPU, so {@code raw}
 * is the fairer measure of the server.
 *
 * <pre>java -cp 'server/target/wharf/lib/*:bench/target/classes' dev.wharf.bench.api.CreateThroughput DATA_DIR [clients] [seconds] [jdk|raw]</pre>
 */
public final class CreateThroughput {
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean raw = args.length > 3 && args[3].equals("raw");
        ApiLoad api = ApiLoad.fromDataDir(dataDir);
        String ns = "bench-" + System.nanoTime();
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");

        System.out.printf("fsync ceiling of %s: %.0f fsyncs/s (one thread, 1 KiB write + force)%n", dataDir, fsyncCeiling(dataDir));

        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong ok = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread.ofPlatform().start(() -> {
                long[] mine = new long[200_000];
                int n = 0;
                try (RawHttpsConnection conn = raw ? new RawHttpsConnection(api.url(), api.token(), ApiLoad.trustAll()) : null) {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + client + "-" + i
                                + "\"},\"data\":{\"k\":\"" + "v".repeat(200) + "\"}}";
                        long t0 = System.nanoTime();
                        String path = "/api/v1/namespaces/" + ns + "/configmaps";
                        int code = raw ? conn.post(path, body) : api.post(path, body).statusCode();
                        long t1 = System.nanoTime();
                        if (code != 201) {
                            errors.incrementAndGet();
                        } else if (t0 > warmupEnd && n < mine.length) {
                            mine[n++] = t1 - t0;
                            ok.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    System.err.println("client " + client + " failed: " + e);
                    errors.incrementAndGet();
                } finally {
                    latencies.add(java.util.Arrays.copyOf(mine, n));
                    done.countDown();
                }
            });
        }
        done.await();
        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        System.out.printf("%s client, %d clients, %d s: %.0f durable ConfigMap creates/s, %s, %d errors%n",
                raw ? "raw" : "jdk", clients, seconds, ok.get() / (double) seconds, Percentiles.summary(all), errors.get());
    }

    static double fsyncCeiling(Path dir) throws Exception {
        Path f = Files.createTempFile(dir, "fsync", ".bin");
        try (FileOutputStream out = new FileOutputStream(f.toFile()); FileChannel ch = out.getChannel()) {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            long t0 = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - t0 < 2_000_000_000L) {
                buf.rewind();
                ch.write(buf);
                ch.force(false);
                n++;
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
