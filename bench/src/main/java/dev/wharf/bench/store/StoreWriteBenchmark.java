package dev.wharf.bench.store;

import dev.wharf.common.Clock;
import dev.wharf.spi.store.MemoryStore;
import dev.wharf.spi.store.Store;
import dev.wharf.store.sqlite.BatchStats;
import dev.wharf.store.sqlite.SqliteStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Durable creates per second with N concurrent writers on SqliteStore (group commit), next to its peer in the same
 * run: the disk's own fsync ceiling (write + FileChannel.force in a loop), and MemoryStore as the no-disk bound.
 *
 * <pre>
 *   java -cp ... dev.wharf.bench.store.StoreWriteBenchmark [dataDir] [writers=50] [seconds=5] [valueBytes=1024]
 * </pre>
 * Group commit beats the fsync ceiling by roughly the average batch size, which it prints.
 */
public final class StoreWriteBenchmark {
    private static final Clock CLOCK = Clock.system();

    record Result(String name, long ops, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return ops / seconds;
        }

        String percentiles() {
            if (latenciesNanos.length == 0) {
                return "";
            }
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", ms(sorted, 0.50), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }

        private static double ms(long[] sorted, double q) {
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
        }
    }

    private StoreWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("wharf-store-bench");
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int valueBytes = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        Files.createDirectories(dir);
        System.out.printf("store write benchmark: dir %s, %d writers, %d s, %d-byte values, %d cpus%n",
                dir, writers, seconds, valueBytes, Runtime.getRuntime().availableProcessors());

        Result fsync = fsyncCeiling(dir.resolve("fsync.probe"), seconds, valueBytes);
        print(fsync);

        Path db = dir.resolve("bench-" + CLOCK.nanoTime() + ".db");
        try (SqliteStore sqlite = SqliteStore.open(db)) {
            run("warm-up", sqlite, writers, 1, valueBytes);
            long commits = sqlite.batchStats().commits();
            long txns = sqlite.batchStats().txns();
            Result r = run("SqliteStore durable creates", sqlite, writers, seconds, valueBytes);
            print(r);
            BatchStats s = sqlite.batchStats();
            long c = s.commits() - commits;
            long t = s.txns() - txns;
            System.out.printf("  group commit: %d txns in %d commits, %.1f txns per fsync; %.1fx the fsync ceiling%n",
                    t, c, c == 0 ? 0 : (double) t / c, r.perSecond() / fsync.perSecond());
        }
        try (MemoryStore memory = new MemoryStore()) {
            run("warm-up", memory, writers, 1, valueBytes);
            print(run("MemoryStore creates (no disk)", memory, writers, seconds, valueBytes));
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        Files.deleteIfExists(dir.resolve("fsync.probe"));
    }

    private static void print(Result r) {
        System.out.printf("%-32s %10.0f ops/s  (%d ops in %.1f s)  %s%n", r.name(), r.perSecond(), r.ops(), r.seconds(), r.percentiles());
    }

    /** One writer, one file: append a value and force it to disk, as fast as the disk allows. */
    static Result fsyncCeiling(Path file, int seconds, int valueBytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(valueBytes);
        List<Long> latencies = new ArrayList<>();
        long ops = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long start = CLOCK.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long now = start;
            while (now < end) {
                buf.clear();
                ch.write(buf);
                ch.force(false);
                long after = CLOCK.nanoTime();
                latencies.add(after - now);
                now = after;
                ops++;
            }
            return new Result("fsync ceiling (write+force)", ops, (now - start) / 1e9,
                    latencies.stream().mapToLong(Long::longValue).toArray());
        }
    }

    static Result run(String name, Store store, int writers, int seconds, int valueBytes) throws InterruptedException {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'x');
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        List<long[]> perThread = new ArrayList<>();
        long[] counts = new long[writers];
        List<Thread> threads = new ArrayList<>();
        String run = name.replace(' ', '-') + "-" + CLOCK.nanoTime();
        for (int w = 0; w < writers; w++) {
            int id = w;
            long[] lat = new long[1 << 16];
            perThread.add(lat);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long n = 0;
                while (!stop.get()) {
                    long t0 = CLOCK.nanoTime();
                    store.create("/bench/" + run + "/" + id + "/" + n, value).orElseThrow();
                    if (n < lat.length) {
                        lat[(int) n] = CLOCK.nanoTime() - t0;
                    }
                    n++;
                }
                counts[id] = n;
            }));
        }
        long start = CLOCK.nanoTime();
        go.countDown();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (CLOCK.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) Math.min(Integer.MAX_VALUE - 8, total)];
        int k = 0;
        for (int w = 0; w < writers; w++) {
            int n = (int) Math.min(counts[w], perThread.get(w).length);
            System.arraycopy(perThread.get(w), 0, all, k, n);
            k += n;
        }
        return new Result(name, total, elapsed, Arrays.copyOf(all, k));
    }
}
