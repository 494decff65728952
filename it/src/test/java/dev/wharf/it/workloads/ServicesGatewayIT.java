package dev.wharf.it.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.support.Kubectl;
import dev.wharf.it.support.Tools;
import dev.wharf.it.support.WharfProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services, cluster DNS and the gateway with real runc pods on `wharf dev --nodes 3 --zones a,b,c`: pods find
 * services by name, cluster IPs answer from pods and from the host, endpoints follow scaling and readiness within
 * a second, a pod deleted under load costs no request, Ingress routes by host and path and serves TLS by SNI, and
 * the gateway's metrics pass promtool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServicesGatewayIT {
    @TempDir
    static Path tmp;
    private Cluster cluster;
    private Kubectl kubectl;
    private int gatewayPort;
    private int gatewayTlsPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void start() throws Exception {
        if (!isRoot()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("services and the gateway need root (runc, service addresses)");
            }
            Assumptions.abort("needs root");
        }
        Tools.require("runc");
        Tools.require("/usr/lib/cni/bridge");
        gatewayPort = WharfProcess.freePort();
        gatewayTlsPort = WharfProcess.freePort();
        cluster = Cluster.start(tmp.resolve("data"), "runc", "--gateway-port", String.valueOf(gatewayPort),
                "--gateway-tls-port", String.valueOf(gatewayTlsPort));
        kubectl = cluster.kubectl;
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static String service(String name, String selector, String extraSpec) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s}
                spec:
                  selector: {app: %s}
                %s
                  ports: [{name: http, port: 80, targetPort: 8080, appProtocol: http}]
                ---
                """.formatted(name, selector, extraSpec.isEmpty() ? "" : "  " + extraSpec);
    }

    private String deployEcho(String ns, String name, int replicas) {
        cluster.apply(ns, service(name, name, "") + Manifests.httpd(name, replicas, "", "", "1"));
        kubectl.ok("-n", ns, "wait", "--for=condition=Available", "deploy/" + name, "--timeout=60s");
        return kubectl.ok("-n", ns, "get", "svc", name, "-o", "jsonpath={.spec.clusterIP}").trim();
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String servedBy(String body) {
        return body.replace("hello from", "").trim();
    }

    @Test
    @Order(10)
    void podsResolveServicesAndHeadlessNamesAndReachClusterIps() throws Exception {
        String ns = cluster.namespace("disco");
        deployEcho(ns, "echo", 2);
        cluster.apply(ns, """
                apiVersion: v1
                kind: Service
                metadata: {name: echo-pods}
                spec:
                  clusterIP: None
                  selector: {app: echo}
                  ports: [{name: http, port: 8080}]
                """);
        List<String> podIps = cluster.readyPods(ns, "app=echo").stream().map(p -> p.at("/status/podIP").asText()).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.run("-n", ns, "get", "endpointslices", "-l",
                "kubernetes.io/service-name=echo-pods", "-o", "name").stdout().contains("endpointslice"));
        cluster.apply(ns, Manifests.pod("client", "Never",
                "nslookup echo && echo EXIT-0; echo ---; nslookup echo-pods && echo EXIT-0; echo ---; nslookup echo.disco.svc.cluster.local;"
                        + " echo ---; wget -qO- http://echo/ && echo WGET-OK", ""));
        await().atMost(Duration.ofSeconds(40)).until(() -> cluster.pod(ns, "client").at("/status/phase").asText()
                .matches("Succeeded|Failed"));
        String out = kubectl.ok("-n", ns, "logs", "client");
        String[] parts = out.split("---");
        String clusterIp = kubectl.ok("-n", ns, "get", "svc", "echo", "-o", "jsonpath={.spec.clusterIP}").trim();
        assertThat(parts[0]).as("short name, busybox nslookup exits 0").contains(clusterIp).contains("EXIT-0");
        assertThat(parts[1]).as("headless name").contains(podIps.get(0)).contains(podIps.get(1)).contains("EXIT-0");
        assertThat(parts[2]).as("fully qualified name").contains(clusterIp);
        assertThat(parts[3]).as("HTTP through the cluster IP from a pod").contains("hello from echo-").contains("WGET-OK");
        assertThat(cluster.pod(ns, "client").at("/status/phase").asText()).isEqualTo("Succeeded");
    }

    @Test
    @Order(15)
    void loadBalancerAndNodePortServicesAnswerOnHostAddresses() throws Exception {
        String ns = cluster.namespace("lb");
        deployEcho(ns, "front", 2);
        cluster.apply(ns, """
                apiVersion: v1
                kind: Service
                metadata: {name: front-lb}
                spec:
                  type: LoadBalancer
                  selector: {app: front}
                  ports: [{name: http, port: 80, targetPort: 8080}]
                """);
        await().atMost(Duration.ofSeconds(10)).until(() -> !kubectl.ok("-n", ns, "get", "svc", "front-lb", "-o",
                "jsonpath={.status.loadBalancer.ingress[0].ip}").isBlank());
        String lbIp = kubectl.ok("-n", ns, "get", "svc", "front-lb", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}").trim();
        String nodePort = kubectl.ok("-n", ns, "get", "svc", "front-lb", "-o", "jsonpath={.spec.ports[0].nodePort}").trim();
        assertThat(lbIp).startsWith("127.0.100.");
        assertThat(Integer.parseInt(nodePort)).isBetween(30000, 32767);
        assertThat(kubectl.ok("-n", ns, "get", "svc", "front-lb")).contains(lbIp).contains("80:" + nodePort + "/TCP");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(get("http://" + lbIp + "/", Map.of()).body()).as("load balancer address").contains("hello from front-");
            assertThat(get("http://127.0.0.1:" + nodePort + "/", Map.of()).body()).as("node port").contains("hello from front-");
        });
    }

    @Test
    @Order(20)
    void scalingOutChangesTheAnsweringEndpointsWithinASecond() throws Exception {
        String ns = cluster.namespace("scale");
        String ip = deployEcho(ns, "web", 2);
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            before.add(servedBy(get("http://" + ip + "/", Map.of()).body()));
        }
        assertThat(before).hasSize(2);
        kubectl.ok("-n", ns, "scale", "deploy/web", "--replicas=4");
        long allReady = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (cluster.readyPods(ns, "app=web").size() == 4) {
                allReady = System.nanoTime();
                break;
            }
            Thread.sleep(20);
        }
        assertThat(allReady).as("4 ready replicas").isNotZero();
        Set<String> seen = new HashSet<>();
        long seenAll = 0;
        while (System.nanoTime() - allReady < TimeUnit.SECONDS.toNanos(5)) {
            seen.add(servedBy(get("http://" + ip + "/", Map.of()).body()));
            if (seen.size() == 4) {
                seenAll = System.nanoTime();
                break;
            }
        }
        long millis = (seenAll - allReady) / 1_000_000;
        System.out.printf("scale 2 -> 4: all 4 endpoints answered %d ms after the 4th pod was Ready%n", millis);
        assertThat(seen).hasSize(4);
        assertThat(millis).isLessThan(1000);
    }

    @Test
    @Order(22)
    void clientIpAffinityKeepsEachClientOnOneEndpoint() throws Exception {
        String ns = cluster.namespace("sticky");
        cluster.apply(ns, service("sticky", "sticky", "sessionAffinity: ClientIP") + Manifests.httpd("sticky", 3, "", "", "1"));
        kubectl.ok("-n", ns, "wait", "--for=condition=Available", "deploy/sticky", "--timeout=60s");
        String ip = kubectl.ok("-n", ns, "get", "svc", "sticky", "-o", "jsonpath={.spec.clusterIP}").trim();
        assertThat(kubectl.ok("-n", ns, "get", "svc", "sticky", "-o", "jsonpath={.spec.sessionAffinity}")).isEqualTo("ClientIP");
        await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.ok("-n", ns, "get", "endpoints", "sticky", "-o",
                "jsonpath={.subsets[0].addresses[*].ip}").trim().split(" ").length == 3);
        Set<String> fromHost = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            fromHost.add(servedBy(get("http://" + ip + "/", Map.of()).body()));
        }
        cluster.apply(ns, Manifests.pod("caller", "Never", "for i in $(seq 1 20); do wget -qO- http://sticky/; done", ""));
        await().atMost(Duration.ofSeconds(40)).until(() -> cluster.pod(ns, "caller").at("/status/phase").asText()
                .matches("Succeeded|Failed"));
        Set<String> fromPod = new HashSet<>();
        for (String line : kubectl.ok("-n", ns, "logs", "caller").split("\n")) {
            if (line.startsWith("hello from ")) {
                fromPod.add(servedBy(line));
            }
        }
        System.out.printf("ClientIP affinity: 30 calls from the host answered by %s, 20 from a pod by %s%n", fromHost, fromPod);
        assertThat(fromHost).as("30 calls from the host, 3 ready replicas").hasSize(1);
        assertThat(fromPod).as("20 calls from a pod, 3 ready replicas").hasSize(1);
    }

    @Test
    @Order(25)
    void podsAreServedByEndpointsInTheirOwnZone() throws Exception {
        String ns = cluster.namespace("zones");
        cluster.apply(ns, service("near", "near", "") + Manifests.httpd("near", 3, Manifests.zoneAntiAffinity("near"), "", "1"));
        kubectl.ok("-n", ns, "wait", "--for=condition=Available", "deploy/near", "--timeout=60s");
        Map<String, String> zones = cluster.nodeZones();
        Map<String, String> zoneOfPod = new java.util.HashMap<>();
        for (var p : cluster.readyPods(ns, "app=near")) {
            zoneOfPod.put(p.at("/metadata/name").asText(), zones.get(p.at("/spec/nodeName").asText()));
        }
        assertThat(new HashSet<>(zoneOfPod.values())).hasSize(3);
        String node = "node-1";
        cluster.apply(ns, """
                apiVersion: v1
                kind: Pod
                metadata: {name: caller}
                spec:
                  nodeName: %s
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: busybox:latest
                    command: [sh, -c, 'for i in $(seq 1 20); do wget -qO- http://near/; done']
                """.formatted(node));
        await().atMost(Duration.ofSeconds(40)).until(() -> cluster.pod(ns, "caller").at("/status/phase").asText()
                .matches("Succeeded|Failed"));
        Set<String> answeredBy = new HashSet<>();
        for (String line : kubectl.ok("-n", ns, "logs", "caller").split("\n")) {
            if (line.startsWith("hello from ")) {
                answeredBy.add(servedBy(line));
            }
        }
        System.out.printf("a pod on %s (zone %s) was answered by %s%n", node, zones.get(node), answeredBy);
        assertThat(answeredBy).as("20 calls from zone %s", zones.get(node)).hasSize(1);
        assertThat(zoneOfPod.get(answeredBy.iterator().next())).isEqualTo(zones.get(node));
    }

    @Test
    @Order(30)
    void aPodDeletedUnderLoadLosesNoRequest() throws Exception {
        String ns = cluster.namespace("load");
        String ip = deployEcho(ns, "steady", 3);
        AtomicInteger ok = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + ip + "/")).timeout(Duration.ofSeconds(10)).build();
        String victim = cluster.readyPods(ns, "app=steady").get(0).at("/metadata/name").asText();
        long start = System.nanoTime();
        boolean deleted = false;
        for (int i = 0; i < 2000; i++) { // 200 requests/s for 10 s
            long due = start + i * 5_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (!deleted && i == 600) {
                kubectl.ok("-n", ns, "delete", "pod", victim, "--wait=false");
                deleted = true;
            }
            calls.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
                if (e == null && r.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    failures.merge(e != null ? e.getClass().getSimpleName() : "HTTP " + r.statusCode(), 1, Integer::sum);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        System.out.printf("2000 requests at 200/s while %s was deleted: %d OK, failures %s%n", victim, ok.get(), failures);
        assertThat(failures).isEmpty();
        assertThat(ok.get()).isEqualTo(2000);
    }

    @Test
    @Order(40)
    void aPodThatIsNotReadyGetsNoTraffic() throws Exception {
        String ns = cluster.namespace("ready");
        String ip = deployEcho(ns, "svc", 2);
        cluster.apply(ns, """
                apiVersion: v1
                kind: Pod
                metadata: {name: lazy, labels: {app: svc}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: busybox:latest
                    command: [sh, -c, '%s']
                    env:
                    - name: POD_NAME
                      valueFrom: {fieldRef: {fieldPath: metadata.name}}
                    readinessProbe:
                      exec: {command: ["false"]}
                      periodSeconds: 1
                """.formatted(Manifests.HTTPD));
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.pod(ns, "lazy").at("/status/phase").asText().equals("Running"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(servedBy(get("http://" + ip + "/", Map.of()).body()));
        }
        assertThat(seen).hasSize(2).doesNotContain("lazy");
        String eps = kubectl.ok("-n", ns, "get", "endpoints", "svc", "-o", "jsonpath={.subsets[*].notReadyAddresses[*].targetRef.name}");
        assertThat(eps).contains("lazy");
    }

    @Test
    @Order(50)
    void ingressRoutesByHostAndPathAndServesTlsBySni() throws Exception {
        Path curl = Tools.require("curl");
        Path openssl = Tools.require("openssl");
        String ns = cluster.namespace("ing");
        deployEcho(ns, "alpha", 1);
        cluster.apply(ns, service("beta", "beta", "") + """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: beta}
                spec:
                  selector: {matchLabels: {app: beta}}
                  template:
                    metadata: {labels: {app: beta}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: web
                        image: busybox:latest
                        command: [sh, -c, 'mkdir -p /tmp/w/b; echo "hello from $POD_NAME" > /tmp/w/b/index.html; exec httpd -f -p 8080 -h /tmp/w']
                        env:
                        - name: POD_NAME
                          valueFrom: {fieldRef: {fieldPath: metadata.name}}
                        readinessProbe:
                          httpGet: {path: /b/, port: 8080}
                          periodSeconds: 1
                """);
        kubectl.ok("-n", ns, "wait", "--for=condition=Available", "deploy/beta", "--timeout=60s");
        for (String host : List.of("a.example.com", "b.example.com")) {
            Path dir = Files.createDirectories(tmp.resolve(host));
            run(List.of(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + host,
                    "-addext", "subjectAltName=DNS:" + host, "-keyout", dir.resolve("tls.key").toString(),
                    "-out", dir.resolve("tls.crt").toString()));
            kubectl.ok("-n", ns, "create", "secret", "tls", host.substring(0, 1) + "-tls",
                    "--cert=" + dir.resolve("tls.crt"), "--key=" + dir.resolve("tls.key"));
        }
        cluster.apply(ns, """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: routes}
                spec:
                  ingressClassName: wharf
                  tls:
                  - {hosts: [a.example.com], secretName: a-tls}
                  - {hosts: [b.example.com], secretName: b-tls}
                  rules:
                  - host: a.example.com
                    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: alpha, port: {number: 80}}}}]}
                  - host: b.example.com
                    http: {paths: [{path: /b, pathType: Prefix, backend: {service: {name: beta, port: {name: http}}}}]}
                """);
        String base = "http://127.0.0.1:" + gatewayPort;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(curlHost(curl, "a.example.com", base + "/")).startsWith("200 ").contains("hello from alpha-"));
        assertThat(curlHost(curl, "b.example.com", base + "/b/")).startsWith("200 ").contains("hello from beta-");
        assertThat(curlHost(curl, "b.example.com", base + "/")).as("no rule: the gateway's 404")
                .startsWith("404 ").doesNotContain("<HTML>");
        assertThat(curlHost(curl, "b.example.com", base + "/bx")).as("Prefix matches whole path elements")
                .startsWith("404 ").doesNotContain("<HTML>");
        assertThat(curlHost(curl, "c.example.com", base + "/")).as("unknown host").startsWith("404 ");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kubectl.ok("-n", ns, "get", "ingress", "routes",
                "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).isEqualTo("127.0.0.1"));
        for (String host : List.of("a.example.com", "b.example.com")) {
            String path = host.startsWith("a") ? "/" : "/b/";
            String out = run(List.of(curl.toString(), "-sS", "--max-time", "5", "--cacert", tmp.resolve(host).resolve("tls.crt").toString(),
                    "--resolve", host + ":" + gatewayTlsPort + ":127.0.0.1", "https://" + host + ":" + gatewayTlsPort + path));
            assertThat(out).as("TLS for %s, verified against its own certificate", host)
                    .contains("hello from " + (host.startsWith("a") ? "alpha-" : "beta-"));
        }
    }

    @Test
    @Order(60)
    void gatewayMetricsCountTrafficAndPassPromtool() throws Exception {
        String text = cluster.wharf.adminToken();
        HttpResponse<String> r = WharfProcess.insecureClient().send(HttpRequest.newBuilder(URI.create(cluster.wharf.url() + "/metrics"))
                .header("Authorization", "Bearer " + text).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("wharf_gateway_").contains("service=\"steady\"");
        Path promtool = Path.of("/usr/bin/promtool");
        if (Files.isExecutable(promtool) || "true".equals(System.getenv("CI"))) {
            Path file = Files.writeString(tmp.resolve("metrics.txt"), r.body());
            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
        }
    }

    /** "STATUS BODY" of a GET with the given Host header (java.net.http refuses to set Host). */
    private static String curlHost(Path curl, String host, String url) throws Exception {
        String out = run(List.of(curl.toString(), "-s", "--max-time", "5", "-H", "Host: " + host, "-w", "\n%{http_code}", url));
        int nl = out.lastIndexOf('\n');
        return out.substring(nl + 1).trim() + " " + out.substring(0, Math.max(0, nl));
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
