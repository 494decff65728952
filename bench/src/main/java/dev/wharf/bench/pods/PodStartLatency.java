package dev.wharf.bench.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.bench.api.ApiLoad;
import dev.wharf.bench.api.Percentiles;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pod start latency, apply -> Ready, with a cached image: against a running `wharf dev --nodes N`, creates P
 * busybox pods ({@code sleep 3600}, imagePullPolicy IfNotPresent) in batches of B created concurrently, each batch
 * after the previous one is Ready, and watches the namespace's pods. A pod's latency runs from the client's own
 * clock just before its POST (creationTimestamp has only second precision) to the first watch event showing it
 * scheduled (spec.nodeName) and the first showing condition Ready=True. Deletes the namespace (and so the pods) at
 * the end.
 *
 * <pre>java -cp 'server/target/wharf/lib/*:bench/target/classes' dev.wharf.bench.pods.PodStartLatency DATA_DIR [pods] [batch] [image]</pre>
 */
public final class PodStartLatency {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PodStartLatency() {
    }

    public static void main(String[] args) throws Exception {
        ApiLoad api = ApiLoad.fromDataDir(Path.of(args[0]));
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String image = args.length > 3 ? args[3] : "busybox:latest";
        String ns = "podstart-" + System.nanoTime();
        check(api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}"));

        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> scheduled = new ConcurrentHashMap<>();
        Map<String, Long> ready = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> readyLatch = new ConcurrentHashMap<>();
        CountDownLatch watching = new CountDownLatch(1);
        Thread watcher = Thread.ofPlatform().daemon().start(() -> watch(api, ns, scheduled, ready, readyLatch, watching));
        if (!watching.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the pod watch did not start");
        }

        List<String> timedOut = new ArrayList<>();
        StringBuilder perBatch = new StringBuilder();
        for (int b = 0; b < pods; b += batch) {
            List<Thread> posts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = b; i < Math.min(pods, b + batch); i++) {
                String name = "p-" + i;
                names.add(name);
                readyLatch.put(name, new CountDownLatch(1));
                posts.add(Thread.ofVirtual().start(() -> {
                    try {
                        created.put(name, System.nanoTime());
                        check(api.post("/api/v1/namespaces/" + ns + "/pods", pod(name, image)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread t : posts) {
                t.join();
            }
            for (String name : names) {
                if (!readyLatch.get(name).await(60, TimeUnit.SECONDS)) {
                    timedOut.add(name);
                }
            }
            Map<String, Long> batchCreated = new ConcurrentHashMap<>();
            names.forEach(n -> batchCreated.put(n, created.get(n)));
            perBatch.append(String.format(" %.0f", Percentiles.ms(latencies(batchCreated, ready), 100)));
        }
        long[] toReady = latencies(created, ready);
        long[] toScheduled = latencies(created, scheduled);
        long[] scheduledToReady = latencies(scheduled, ready);
        System.out.printf("%d pods in batches of %d (%s), %d not Ready within 60 s%n  apply -> Ready      %s%n"
                + "  apply -> scheduled  %s%n  scheduled -> Ready  %s%n  slowest apply -> Ready per batch (ms):%s%n",
                pods, batch, image, timedOut.size(), Percentiles.summary(toReady), Percentiles.summary(toScheduled),
                Percentiles.summary(scheduledToReady), perBatch);
        watcher.interrupt();
        cleanUp(api, ns);
    }

    private static String pod(String name, String image) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"podstart\"}},"
                + "\"spec\":{\"terminationGracePeriodSeconds\":0,\"containers\":[{\"name\":\"main\",\"image\":\"" + image
                + "\",\"imagePullPolicy\":\"IfNotPresent\",\"command\":[\"sleep\",\"3600\"]}]}}";
    }

    private static void watch(ApiLoad api, String ns, Map<String, Long> scheduled, Map<String, Long> ready,
            Map<String, CountDownLatch> readyLatch, CountDownLatch watching) {
        try {
            HttpResponse<InputStream> r = api.http().send(api.request("/api/v1/namespaces/" + ns + "/pods?watch=true").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            watching.countDown();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    long now = System.nanoTime();
                    JsonNode pod = JSON.readTree(line).path("object");
                    String name = pod.path("metadata").path("name").asText();
                    if (!pod.path("spec").path("nodeName").asText("").isEmpty()) {
                        scheduled.putIfAbsent(name, now);
                    }
                    for (JsonNode c : pod.path("status").path("conditions")) {
                        if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")
                                && ready.putIfAbsent(name, now) == null) {
                            CountDownLatch l = readyLatch.get(name);
                            if (l != null) {
                                l.countDown();
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                System.err.println("pod watch failed: " + e);
            }
        }
    }

    private static long[] latencies(Map<String, Long> from, Map<String, Long> to) {
        return to.entrySet().stream().filter(e -> from.containsKey(e.getKey()))
                .mapToLong(e -> Math.max(0, e.getValue() - from.get(e.getKey()))).toArray();
    }

    private static void cleanUp(ApiLoad api, String ns) throws Exception {
        long t0 = System.nanoTime();
        api.http().send(api.request("/api/v1/namespaces/" + ns).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(120)) {
            int code = api.http().send(api.request("/api/v1/namespaces/" + ns).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (code == 404) {
                System.out.printf("namespace %s and its pods deleted in %.1f s%n", ns, (System.nanoTime() - t0) / 1e9);
                return;
            }
            Thread.sleep(250);
        }
        System.out.printf("namespace %s still there after 120 s%n", ns);
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
    }
}
