package dev.wharf.bench.api;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watch delivery latency: W watchers on one namespace; a writer creates ConfigMaps one after another; each
 * watcher records the time from the create's acknowledgement to the event's arrival.
 *
 * <pre>java -cp 'server/target/wharf/lib/*:bench/target/classes' dev.wharf.bench.api.WatchLatency DATA_DIR [watchers] [events]</pre>
 */
public final class WatchLatency {
    private static final Pattern NAME = Pattern.compile("\"name\":\"(w-\\d+)\"");

    public static void main(String[] args) throws Exception {
        ApiLoad api = ApiLoad.fromDataDir(Path.of(args[0]));
        int watchers = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        String ns = "watch-" + System.nanoTime();
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        AtomicLongArray acked = new AtomicLongArray(events);
        ConcurrentLinkedQueue<long[]> arrivals = new ConcurrentLinkedQueue<>(); // {event index, nanoTime received}
        CountDownLatch ready = new CountDownLatch(watchers);
        CountDownLatch finished = new CountDownLatch(watchers);
        for (int w = 0; w < watchers; w++) {
            Thread.ofVirtual().start(() -> {
                try {
                    HttpResponse<InputStream> r = api.http().send(api.request("/api/v1/namespaces/" + ns
                            + "/configmaps?watch=true&allowWatchBookmarks=false").build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    ready.countDown();
                    int seen = 0;
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                        String line;
                        while (seen < events && (line = in.readLine()) != null) {
                            long now = System.nanoTime();
                            Matcher m = NAME.matcher(line);
                            if (line.contains("\"ADDED\"") && m.find()) {
                                // matched against the acknowledgement time at the end: the event can beat it
                                arrivals.add(new long[] {Integer.parseInt(m.group(1).substring(2)), now});
                                seen++;
                            }
                        }
                    }
                } catch (Exception e) {
                    System.err.println("watcher failed: " + e);
                } finally {
                    finished.countDown();
                }
            });
        }
        ready.await();
        Thread.sleep(500);
        for (int i = 0; i < events; i++) {
            String name = "w-" + i;
            api.post("/api/v1/namespaces/" + ns + "/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}");
            acked.set(i, System.nanoTime());
            Thread.sleep(5);
        }
        finished.await();
        long[] all = arrivals.stream().mapToLong(a -> Math.max(0, a[1] - acked.get((int) a[0]))).toArray();
        System.out.printf("%d watchers x %d events (%d received): write acknowledged -> event received %s%n",
                watchers, events, all.length, Percentiles.summary(all));
    }
}
