package dev.wharf.it.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.it.support.Kubectl;
import dev.wharf.it.support.WharfProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A `wharf dev --nodes 3 --zones a,b,c` server with real node agents, driven by kubectl as a user would, plus a
 * direct API reader for the fast polling the rolling-update sampler needs (a kubectl process per sample is too slow).
 */
final class Cluster implements AutoCloseable {
    final WharfProcess wharf;
    final Kubectl kubectl;
    private final HttpClient http;
    private final String token;

    private Cluster(WharfProcess wharf) throws Exception {
        this.wharf = wharf;
        this.kubectl = Kubectl.dispatcher(wharf);
        this.http = WharfProcess.insecureClient();
        this.token = wharf.adminToken();
    }

    static Cluster start(Path dataDir, String runtime, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--nodes", "3", "--zones", "a,b,c", "--runtime", runtime));
        args.addAll(List.of(extraArgs));
        Cluster c = new Cluster(WharfProcess.start(dataDir, args.toArray(String[]::new)));
        c.kubectl.ok("wait", "--for=condition=Ready", "node", "--all", "--timeout=55s");
        return c;
    }

    /** A fresh namespace for one test. */
    String namespace(String name) {
        kubectl.ok("create", "namespace", name);
        return name;
    }

    String apply(String ns, String yaml) {
        Kubectl.Result r = kubectl.runWithInput(yaml, "-n", ns, "apply", "-f", "-");
        if (r.exitCode() != 0) {
            throw new AssertionError("kubectl apply failed (" + r.exitCode() + "):\n" + r.stderr() + r.stdout() + "\n" + yaml);
        }
        return r.stdout();
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(wharf.url() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return Json.parse(r.body());
    }

    JsonNode pod(String ns, String name) throws Exception {
        return get("/api/v1/namespaces/" + ns + "/pods/" + name);
    }

    /** Pods of a label selector, terminating ones included. */
    List<JsonNode> pods(String ns, String selector) throws Exception {
        JsonNode list = get("/api/v1/namespaces/" + ns + "/pods?labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        List<JsonNode> out = new ArrayList<>();
        list.path("items").forEach(out::add);
        return out;
    }

    /** Pods not being deleted whose Ready condition is True. */
    List<JsonNode> readyPods(String ns, String selector) throws Exception {
        return pods(ns, selector).stream().filter(p -> !p.at("/metadata/deletionTimestamp").isTextual()).filter(Cluster::isReady).toList();
    }

    static boolean isReady(JsonNode pod) {
        return condition(pod, "Ready").equals("True");
    }

    static String condition(JsonNode pod, String type) {
        for (JsonNode c : pod.at("/status/conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return "";
    }

    /** node name -> zone label. */
    Map<String, String> nodeZones() throws Exception {
        Map<String, String> zones = new TreeMap<>();
        for (JsonNode n : get("/api/v1/nodes").path("items")) {
            zones.put(n.at("/metadata/name").asText(), n.at("/metadata/labels").path("topology.kubernetes.io/zone").asText());
        }
        return zones;
    }

    @Override
    public void close() throws Exception {
        wharf.close();
    }
}
