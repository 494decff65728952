package dev.wharf.gateway;

import static dev.wharf.gateway.Fixtures.cluster;
import static dev.wharf.gateway.Fixtures.defaultRoute;
import static dev.wharf.gateway.Fixtures.ep;
import static dev.wharf.gateway.Fixtures.freePort;
import static dev.wharf.gateway.Fixtures.http;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import dev.wharf.gateway.model.Cluster;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The byte-level fast path and its hand-over to the codec path, on one keep-alive connection. */
class FastPathTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final int port = freePort();
    private Backend backend;

    @BeforeEach
    void start() {
        backend = new Backend("a");
        closeables.add(backend);
        Gateway g = new Gateway(GatewayOptions.defaults(Clock.system()).withRandom(Randoms.seeded(7)));
        closeables.add(g);
        Cluster c = cluster("web", ep(backend));
        g.apply(http(port, List.of(defaultRoute(c)), c));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void fastRequests(TestHttp client) throws IOException {
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("web", "/").body()).isEqualTo("a");
        }
        assertThat(client.send("POST", "web", "/echo", "hello body", "").body()).isEqualTo("hello body");
        TestHttp.Response head = client.send("HEAD", "web", "/", null, "");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-length")).isEqualTo("1");
        // two pipelined requests in one write: answered in order
        client.output().write(ascii("GET /x HTTP/1.1\r\nHost: web\r\n\r\nPOST /echo HTTP/1.1\r\nHost: web\r\n"
                + "Content-Length: 3\r\n\r\nabc"));
        client.output().flush();
        assertThat(client.read(false).body()).isEqualTo("a");
        assertThat(client.read(false).body()).isEqualTo("abc");
    }

    @Test
    void expectContinueChunkedPostAndWebSocketFollowFastPathRequestsOnOneConnection() throws Exception {
        try (TestHttp client = new TestHttp(port)) {
            fastRequests(client);
            client.output().write(ascii("PUT /echo HTTP/1.1\r\nHost: web\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 5\r\n\r\n"));
            client.output().flush();
            assertThat(client.read(true).status()).isEqualTo(100);
            client.output().write(ascii("hello"));
            assertThat(client.read(false).body()).isEqualTo("hello");
            client.output().write(ascii("POST /echo HTTP/1.1\r\nHost: web\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
            client.output().flush();
            assertThat(client.read(false).body()).isEqualTo("abcde");
            assertThat(client.get("web", "/").body()).isEqualTo("a");
            webSocketEcho(client);
        }
        assertThat(backend.connections.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void webSocketUpgradeRightAfterFastPathRequests() throws Exception {
        try (TestHttp client = new TestHttp(port)) {
            fastRequests(client);
            webSocketEcho(client);
        }
    }

    @Test
    void chunkedPostRightAfterFastPathRequests() throws Exception {
        try (TestHttp client = new TestHttp(port)) {
            fastRequests(client);
            client.output().write(ascii("POST /echo HTTP/1.1\r\nHost: web\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "4\r\nwxyz\r\n0\r\n\r\n"));
            client.output().flush();
            assertThat(client.read(false).body()).isEqualTo("wxyz");
            assertThat(client.get("web", "/").body()).isEqualTo("a");
        }
    }

    private static void webSocketEcho(TestHttp client) throws IOException {
        client.output().write(ascii("GET /ws HTTP/1.1\r\nHost: web\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        client.output().flush();
        TestHttp.Response r = client.read(false);
        assertThat(r.status()).isEqualTo(101);
        assertThat(r.header("upgrade")).isEqualToIgnoringCase("websocket");
        // a masked text frame (mask key 0)
        client.output().write(new byte[] {(byte) 0x81, (byte) 0x85, 0, 0, 0, 0, 'h', 'e', 'l', 'l', 'o'});
        client.output().flush();
        InputStream in = client.input();
        assertThat(in.read()).isEqualTo(0x81);
        int len = in.read();
        assertThat(new String(in.readNBytes(len), StandardCharsets.UTF_8)).isEqualTo("a:hello");
    }

    @Test
    void aWebSocketUpgradePipelinedBehindAFastRequestIsHandedOverWhenItsTurnComes() throws Exception {
        try (TestHttp client = new TestHttp(port)) {
            client.output().write(ascii("GET / HTTP/1.1\r\nHost: web\r\n\r\nGET /ws HTTP/1.1\r\nHost: web\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n"));
            client.output().flush();
            assertThat(client.read(false).body()).isEqualTo("a");
            assertThat(client.read(false).status()).isEqualTo(101);
            client.output().write(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, 'h', 'i'});
            client.output().flush();
            InputStream in = client.input();
            assertThat(in.read()).isEqualTo(0x81);
            assertThat(new String(in.readNBytes(in.read()), StandardCharsets.UTF_8)).isEqualTo("a:hi");
        }
    }

    @Test
    void aRequestArrivingOneByteAtATimeIsProxied() throws Exception {
        try (TestHttp client = new TestHttp(port)) {
            client.socket().setTcpNoDelay(true);
            for (int i = 0; i < 2; i++) {
                for (byte b : ascii("POST /echo HTTP/1.1\r\nHost: web\r\nContent-Length: 5\r\n\r\nslow!")) {
                    client.output().write(b);
                    client.output().flush();
                }
                assertThat(client.read(false).body()).isEqualTo("slow!");
            }
        }
    }

    @Test
    void aLargeHeadIsForwardedWhole() throws Exception {
        // the test Backend's codec takes 8 KiB of headers: this one answers with the head it received
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                while (!raw.isClosed()) {
                    try (Socket s = raw.accept()) {
                        InputStream in = s.getInputStream();
                        while (true) {
                            StringBuilder head = new StringBuilder();
                            int c;
                            while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) != -1) {
                                head.append((char) c);
                            }
                            if (!head.toString().endsWith("\r\n\r\n")) {
                                break;
                            }
                            s.getOutputStream().write(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + head.length()
                                    + "\r\n\r\n" + head));
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            int gwPort = freePort();
            Gateway g = new Gateway(GatewayOptions.defaults(Clock.system()).withRandom(Randoms.seeded(7)));
            closeables.add(g);
            Cluster c = cluster("raw", ep(raw.getLocalPort()));
            g.apply(http(gwPort, List.of(defaultRoute(c)), c));
            try (TestHttp client = new TestHttp(gwPort)) {
                String big = "v".repeat(40_000);
                for (int i = 0; i < 2; i++) {
                    TestHttp.Response r = client.send("GET", "raw", "/h" + i, null, "X-Big: " + big + "\r\n");
                    assertThat(r.body()).startsWith("GET /h" + i + " HTTP/1.1\r\nHost: raw\r\nX-Big: " + big + "\r\n")
                            .contains("x-forwarded-for: 127.0.0.1\r\n", "x-forwarded-host: raw\r\n");
                }
            }
        }
    }

    @Test
    void smugglingAttemptsGet400AndTheConnectionCloses() throws Exception {
        for (String attack : new String[] {
                "POST /echo HTTP/1.1\r\nHost: web\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: web\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
                "GET / HTTP/1.1\r\nHost: web\r\nX-A: 1\r\n folded\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: web\r\nTransfer-Encoding : chunked\r\n\r\n"}) {
            try (TestHttp client = new TestHttp(port)) {
                assertThat(client.get("web", "/").body()).isEqualTo("a");
                client.output().write(ascii(attack));
                client.output().flush();
                TestHttp.Response r = client.read(false);
                assertThat(r.status()).as(attack).isEqualTo(400);
                assertThat(r.header("connection")).isEqualToIgnoringCase("close");
                assertThat(client.input().read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aResponseEndedByCloseIsReframedChunkedAndTheClientConnectionStays() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                while (!raw.isClosed()) {
                    try (Socket s = raw.accept()) {
                        s.getInputStream().read(new byte[4096]);
                        s.getOutputStream().write(ascii("HTTP/1.1 200 OK\r\nX-Raw: 1\r\n\r\nraw body"));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            int gwPort = freePort();
            Gateway g = new Gateway(GatewayOptions.defaults(Clock.system()).withRandom(Randoms.seeded(7)));
            closeables.add(g);
            Cluster c = cluster("raw", ep(raw.getLocalPort()));
            g.apply(http(gwPort, List.of(defaultRoute(c)), c));
            try (TestHttp client = new TestHttp(gwPort)) {
                for (int i = 0; i < 2; i++) {
                    TestHttp.Response r = client.get("raw", "/");
                    assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
                    assertThat(r.header("x-raw")).isEqualTo("1");
                    assertThat(r.body()).isEqualTo("raw body");
                }
            }
        }
    }
}
