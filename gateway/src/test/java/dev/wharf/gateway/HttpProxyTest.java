package dev.wharf.gateway;

import static dev.wharf.gateway.Fixtures.cluster;
import static dev.wharf.gateway.Fixtures.defaultRoute;
import static dev.wharf.gateway.Fixtures.ep;
import static dev.wharf.gateway.Fixtures.freePort;
import static dev.wharf.gateway.Fixtures.http;
import static dev.wharf.gateway.Fixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.model.PathType;
import dev.wharf.gateway.model.WeightedCluster;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpProxyTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final int port = freePort();

    private Backend backend(String name) {
        Backend b = new Backend(name);
        closeables.add(b);
        return b;
    }

    private Gateway gateway(GatewayOptions options) {
        Gateway g = new Gateway(options);
        closeables.add(g);
        return g;
    }

    private Gateway gateway() {
        return gateway(GatewayOptions.defaults(Clock.system()).withRandom(Randoms.seeded(7)));
    }

    static {
        // Netty's leak reports go to its logger; without an SLF4J provider they would be silent
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
    }

    @AfterEach
    void close() throws Exception {
        System.gc();
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    @Test
    void routesByHostAndPathAnswers404WithoutRouteAnd503WithoutEndpoint() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        Cluster ca = cluster("a", ep(a));
        Cluster cb = cluster("b", ep(b));
        Cluster empty = cluster("empty");
        Gateway g = gateway();
        g.apply(http(port, List.of(
                route("r-a", "a.test", PathType.PREFIX, "/", ca.id()),
                route("r-b", "", PathType.PREFIX, "/b", cb.id()),
                route("r-empty", "", PathType.EXACT, "/empty", empty.id())), ca, cb, empty));
        assertThat(TestHttp.get(port, "a.test", "/anything").body()).isEqualTo("a");
        assertThat(TestHttp.get(port, "other", "/b/x").body()).isEqualTo("b");
        TestHttp.Response notFound = TestHttp.get(port, "other", "/nothing");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).contains("no route");
        assertThat(TestHttp.get(port, "other", "/empty").status()).isEqualTo(503);
    }

    @Test
    void roundRobinOverKeepAliveConnectionsReusesUpstreamConnections() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        Cluster c = cluster("web", ep(a), ep(b));
        Gateway g = gateway();
        g.apply(http(port, List.of(defaultRoute(c)), c));
        Map<String, Integer> seen = new HashMap<>();
        try (TestHttp client = new TestHttp(port)) {
            for (int i = 0; i < 40; i++) {
                TestHttp.Response r = client.get("web", "/");
                assertThat(r.status()).isEqualTo(200);
                seen.merge(r.body(), 1, Integer::sum);
            }
        }
        assertThat(seen).containsOnly(Map.entry("a", 20), Map.entry("b", 20));
        assertThat(a.connections.get()).isEqualTo(1);
        assertThat(b.connections.get()).isEqualTo(1);
    }

    @Test
    void forwardsHeadersKeepsHostAndDropsHopByHop() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        gateway().apply(http(port, List.of(defaultRoute(c)), c));
        try (TestHttp client = new TestHttp(port)) {
            TestHttp.Response r = client.send("GET", "shop.test:8080", "/headers", null,
                    "Connection: keep-alive, X-Secret\r\nX-Secret: 1\r\nKeep-Alive: timeout=5\r\n"
                            + "X-Forwarded-For: 10.9.9.9\r\n");
            assertThat(r.body()).contains("host: shop.test:8080", "x-forwarded-for: 10.9.9.9, 127.0.0.1",
                    "x-forwarded-proto: http", "x-forwarded-host: shop.test:8080")
                    .doesNotContain("x-secret", "keep-alive");
            assertThat(r.header("x-backend")).isEqualTo("a");
        }
    }

    @Test
    void streamsLargeChunkedResponsesAndRequestBodies() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        gateway().apply(http(port, List.of(defaultRoute(c)), c));
        try (TestHttp client = new TestHttp(port)) {
            TestHttp.Response big = client.get("web", "/big/8000000");
            assertThat(big.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(big.body()).hasSize(8_000_000);
            String body = "y".repeat(2_000_000);
            TestHttp.Response echo = client.send("POST", "web", "/echo", body, "");
            assertThat(echo.body()).isEqualTo(body);
            StringBuilder chunked = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                chunked.append("4000\r\n").append("z".repeat(0x4000)).append("\r\n");
            }
            chunked.append("0\r\n\r\n");
            client.output().write(("POST /echo HTTP/1.1\r\nHost: web\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunked).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            client.output().flush();
            assertThat(client.read(false).body()).hasSize(50 * 0x4000);
        }
    }

    @Test
    void http10ClientsGetKeepAliveOrARawBodyEndedByClose() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        gateway().apply(http(port, List.of(defaultRoute(c)), c));
        try (TestHttp client = new TestHttp(port)) {
            for (int i = 0; i < 2; i++) {
                client.output().write("GET / HTTP/1.0\r\nHost: web\r\nConnection: keep-alive\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                TestHttp.Response r = client.read(false);
                assertThat(r.body()).isEqualTo("a");
                assertThat(r.header("connection")).isEqualToIgnoringCase("keep-alive");
            }
            client.output().write("GET /big/100000 HTTP/1.0\r\nHost: web\r\nConnection: keep-alive\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            TestHttp.Response big = client.read(false);
            assertThat(big.header("transfer-encoding")).isNull();
            assertThat(big.body()).hasSize(100_000);
        }
    }

    @Test
    void expectContinueIsAnsweredByTheGateway() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        gateway().apply(http(port, List.of(defaultRoute(c)), c));
        try (TestHttp client = new TestHttp(port)) {
            client.output().write(("PUT /echo HTTP/1.1\r\nHost: web\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 5\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            client.output().flush();
            assertThat(client.read(true).status()).isEqualTo(100);
            client.output().write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            TestHttp.Response r = client.read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
        }
    }

    @Test
    void webSocketUpgradeBecomesAPipe() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        gateway().apply(http(port, List.of(defaultRoute(c)), c));
        CompletableFuture<String> got = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        got.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
        assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("a:hello");
        ws.abort();
    }

    @Test
    void h2cUpgradeIsAnsweredAsHttp11() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        gateway().apply(http(port, List.of(defaultRoute(c)), c));
        try (TestHttp client = new TestHttp(port)) {
            TestHttp.Response r = client.send("GET", "web", "/headers", null,
                    "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("upgrade", "http2-settings");
        }
    }

    @Test
    void http2PriorKnowledgeIsServedAndProxiedAsHttp11() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        gateway().apply(http(port, List.of(defaultRoute(c)), c));
        java.nio.file.Path curl = java.nio.file.Path.of("/usr/bin/curl");
        if (!java.nio.file.Files.isExecutable(curl)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("curl is required under CI=true");
            }
            org.junit.jupiter.api.Assumptions.abort("curl not installed");
        }
        Process p = new ProcessBuilder(curl.toString(), "-s", "-m", "10", "--http2-prior-knowledge", "-w", " %{http_version}",
                "-H", "Host: web", "--data-binary", "hello-h2", "http://127.0.0.1:" + port + "/echo")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("hello-h2 2");
        Process get = new ProcessBuilder(curl.toString(), "-s", "-m", "10", "--http2-prior-knowledge",
                "http://127.0.0.1:" + port + "/headers").redirectErrorStream(true).start();
        String headers = new String(get.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(headers).contains("host: 127.0.0.1:" + port, "x-forwarded-proto: http");
        var jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                .send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(jdk.statusCode()).isEqualTo(200);
        assertThat(jdk.body()).isEqualTo("a");
    }

    @Test
    void weightedSplitFollowsWeights() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        Cluster ca = cluster("stable", ep(a));
        Cluster cb = cluster("canary", ep(b));
        HttpRoute split = new HttpRoute("default/split", "", PathType.PREFIX, "/",
                List.of(new WeightedCluster(ca.id(), 80), new WeightedCluster(cb.id(), 20)));
        gateway().apply(http(port, List.of(split), ca, cb));
        int canary = 0;
        try (TestHttp client = new TestHttp(port)) {
            for (int i = 0; i < 500; i++) {
                if (client.get("x", "/").body().equals("b")) {
                    canary++;
                }
            }
        }
        assertThat(canary).isBetween(70, 130);
    }

    @Test
    void removedEndpointFinishesItsInFlightRequestAndGetsNoNewOnes() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        Gateway g = gateway();
        Cluster both = cluster("web", ep(a), ep(b));
        g.apply(http(port, List.of(defaultRoute(both)), both));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        closeables.add(pool::shutdownNow);
        Future<TestHttp.Response> inFlight = null;
        for (int i = 0; i < 2 && inFlight == null; i++) {
            Future<TestHttp.Response> f = pool.submit(() -> TestHttp.get(port, "web", "/slow"));
            if (a.slowArrived.await(2, TimeUnit.SECONDS)) {
                inFlight = f;
            } else {
                b.release();
                f.get(5, TimeUnit.SECONDS);
            }
        }
        assertThat(inFlight).isNotNull();
        Cluster onlyB = cluster("web", ep(b));
        g.apply(http(port, List.of(defaultRoute(onlyB)), onlyB));
        for (int i = 0; i < 10; i++) {
            assertThat(TestHttp.get(port, "web", "/").body()).isEqualTo("b");
        }
        a.release();
        TestHttp.Response r = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("a slow");
    }

    @Test
    void applyIsIdempotentAndRemovingAnEndpointClosesItsIdleConnections() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        Gateway g = gateway();
        Cluster both = cluster("web", ep(a), ep(b));
        GatewayConfig config = http(port, List.of(defaultRoute(both)), both);
        g.apply(config);
        try (TestHttp client = new TestHttp(port)) {
            for (int i = 0; i < 4; i++) {
                client.get("web", "/");
            }
            g.apply(config);
            g.apply(http(port, List.of(defaultRoute(both)), cluster("web", ep(a), ep(b))));
            assertThat(g.bindFailures()).isEmpty();
            for (int i = 0; i < 4; i++) {
                assertThat(client.get("web", "/").status()).isEqualTo(200);
            }
        }
        assertThat(a.connections.get()).isEqualTo(1);
        assertThat(a.openConnections()).isEqualTo(1);
        Cluster onlyB = cluster("web", ep(b));
        g.apply(http(port, List.of(defaultRoute(onlyB)), onlyB));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> a.openConnections() == 0);
        assertThat(b.openConnections()).isEqualTo(1);
    }

    @Test
    void killedBackendLosesNoIdempotentRequest() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        Backend doomed = backend("doomed");
        Gateway g = gateway();
        Cluster c = cluster("web", ep(a), ep(b), ep(doomed));
        g.apply(http(port, List.of(defaultRoute(c)), c));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        closeables.add(pool::shutdownNow);
        List<Future<List<Integer>>> results = new ArrayList<>();
        java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            results.add(pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                try (TestHttp client = new TestHttp(port)) {
                    for (int i = 0; i < 150; i++) {
                        if (i == 50) {
                            halfway.countDown();
                        }
                        statuses.add(client.get("web", "/").status());
                    }
                }
                return statuses;
            }));
        }
        halfway.await(20, TimeUnit.SECONDS);
        doomed.close();
        for (Future<List<Integer>> f : results) {
            assertThat(f.get(30, TimeUnit.SECONDS)).hasSize(150).containsOnly(200);
        }
        assertThat(g.service("default", "web").orElseThrow().responses5xx()).isZero();
    }

    @Test
    void connectFailureIsRetriedOnAnotherEndpoint() throws Exception {
        Backend a = backend("a");
        int dead = freePort();
        Gateway g = gateway();
        Cluster c = cluster("web", ep(dead), ep(a));
        g.apply(http(port, List.of(defaultRoute(c)), c));
        for (int i = 0; i < 6; i++) {
            TestHttp.Response r = TestHttp.get(port, "web", "/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("a");
        }
        StringBuilder out = new StringBuilder();
        g.writePrometheus(out);
        assertThat(out).contains("wharf_gateway_upstream_connect_errors_total{namespace=\"default\",service=\"web\"} 3");
    }

    @Test
    void fiveConsecutive5xxEjectTheEndpoint() throws Exception {
        Backend good = backend("good");
        Backend bad = backend("bad");
        bad.forcedStatus = 500;
        Gateway g = gateway();
        Cluster c = cluster("web", ep(good), ep(bad));
        g.apply(http(port, List.of(defaultRoute(c)), c));
        int errors = 0;
        try (TestHttp client = new TestHttp(port)) {
            for (int i = 0; i < 40; i++) {
                if (client.get("web", "/").status() == 500) {
                    errors++;
                }
            }
        }
        assertThat(errors).isEqualTo(5);
        assertThat(bad.requests.get()).isEqualTo(5);
    }

    @Test
    void garbageFromUpstreamAnswers502() throws Exception {
        try (ServerSocket bad = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                while (!bad.isClosed()) {
                    try (java.net.Socket s = bad.accept()) {
                        s.getInputStream().read(new byte[4096]);
                        s.getOutputStream().write("NOT-HTTP garbage\r\n\r\n".getBytes());
                        s.getOutputStream().flush();
                        Thread.sleep(200);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            Cluster c = cluster("web", ep(bad.getLocalPort()));
            gateway().apply(http(port, List.of(defaultRoute(c)), c));
            assertThat(TestHttp.get(port, "web", "/").status()).isEqualTo(502);
        }
    }

    @Test
    void requestTimeoutAnswers504() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        gateway(GatewayOptions.defaults(Clock.system()).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)))
                .apply(http(port, List.of(defaultRoute(c)), c));
        assertThat(TestHttp.get(port, "web", "/slow").status()).isEqualTo(504);
        a.release();
    }

    @Test
    void portInUseIsABindFailureAndOtherListenersStillBind() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Gateway g = gateway();
            Listener.Http busy = new Listener.Http("127.0.0.1", taken.getLocalPort(), List.of(defaultRoute(c)),
                    List.of());
            Listener.Http free = new Listener.Http("127.0.0.1", port, List.of(defaultRoute(c)), List.of());
            g.apply(new GatewayConfig(Fixtures.map(c), List.of(busy, free)));
            assertThat(g.bindFailures()).hasSize(1);
            assertThat(g.bindFailures().getFirst().listener()).isEqualTo(busy);
            assertThat(g.bindFailures().getFirst().reason()).containsIgnoringCase("in use");
            assertThat(TestHttp.get(port, "web", "/").body()).isEqualTo("a");
            g.apply(new GatewayConfig(Fixtures.map(c), List.of(free)));
            assertThat(g.bindFailures()).isEmpty();
        }
    }

    @Test
    void removedListenerLetsItsInFlightRequestFinish() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        Gateway g = gateway();
        g.apply(http(port, List.of(defaultRoute(c)), c));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        closeables.add(pool::shutdownNow);
        Future<TestHttp.Response> inFlight = pool.submit(() -> {
            try (TestHttp client = new TestHttp(port)) {
                return client.get("web", "/slow");
            }
        });
        assertThat(a.slowArrived.await(5, TimeUnit.SECONDS)).isTrue();
        g.apply(new GatewayConfig(Fixtures.map(c), List.of()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestHttp.get(port, "web", "/"))
                .isInstanceOf(java.io.IOException.class);
        a.release();
        TestHttp.Response r = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("a slow");
    }

    @Test
    void removedListenerStopsAcceptingAndAPortCanChangeProtocol() throws Exception {
        Backend a = backend("a");
        Cluster c = cluster("web", ep(a));
        Gateway g = gateway();
        g.apply(http(port, List.of(defaultRoute(c)), c));
        assertThat(TestHttp.get(port, "web", "/").status()).isEqualTo(200);
        g.apply(new GatewayConfig(Fixtures.map(c), List.of()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestHttp.get(port, "web", "/"))
                .isInstanceOf(java.io.IOException.class);
        g.apply(http(port, List.of(defaultRoute(c)), c));
        g.apply(new GatewayConfig(Fixtures.map(c), List.of(new Listener.Tcp("127.0.0.1", port, c.id()))));
        assertThat(g.bindFailures()).as("the port changed protocol in one apply").isEmpty();
        assertThat(TestHttp.get(port, "web", "/").body()).isEqualTo("a");
    }
}
