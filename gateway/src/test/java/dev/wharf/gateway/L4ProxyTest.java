package dev.wharf.gateway;

import static dev.wharf.gateway.Fixtures.cluster;
import static dev.wharf.gateway.Fixtures.ep;
import static dev.wharf.gateway.Fixtures.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Clock;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.model.Listener;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class L4ProxyTest {
    /** Echoes each connection's bytes, prefixed once by its name; closes its output when the client half-closes. */
    private static ServerSocket echoServer(String name) throws Exception {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            OutputStream out = s.getOutputStream();
                            out.write((name + ":").getBytes(StandardCharsets.UTF_8));
                            s.getInputStream().transferTo(out);
                            s.shutdownOutput();
                        } catch (Exception ignored) {
                            // client gone
                        }
                    });
                } catch (Exception e) {
                    return;
                }
            }
        });
        return ss;
    }

    @Test
    void tcpPipesBothWaysWithHalfCloseAndRetriesAFailedConnect() throws Exception {
        int dead = freePort();
        try (ServerSocket echo = echoServer("e");
             Gateway g = new Gateway(GatewayOptions.defaults(Clock.system()))) {
            Cluster c = cluster("tcp", ep(dead), ep(echo.getLocalPort()));
            int port = freePort();
            g.apply(new GatewayConfig(Fixtures.map(c), List.of(new Listener.Tcp("127.0.0.1", port, c.id()))));
            for (int i = 0; i < 4; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(5000);
                    byte[] payload = ("hello-" + i + "x".repeat(300_000)).getBytes(StandardCharsets.UTF_8);
                    OutputStream out = s.getOutputStream();
                    out.write(payload);
                    s.shutdownOutput();
                    InputStream in = s.getInputStream();
                    String got = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(got).isEqualTo("e:" + new String(payload, StandardCharsets.UTF_8));
                }
            }
            assertThat(g.service("default", "tcp").orElseThrow().bytesIn()).isGreaterThan(1_200_000);
        }
    }

    @Test
    void udpFlowsEchoToTheirClientAndCloseWhenIdle() throws Exception {
        dev.wharf.common.ManualClock clock = new dev.wharf.common.ManualClock();
        GatewayOptions o = GatewayOptions.defaults(clock);
        o = new GatewayOptions(o.clock(), o.random(), o.clientZones(), o.localZone(), o.connectTimeout(),
                o.requestTimeout(), o.retries(), java.time.Duration.ofSeconds(1), o.maxIdlePerEndpoint(), 1);
        try (DatagramSocket backend = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             Gateway g = new Gateway(o)) {
            Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[2048];
                while (!backend.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        backend.receive(p);
                        String reply = "echo:" + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                        byte[] r = reply.getBytes(StandardCharsets.UTF_8);
                        backend.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            Cluster c = cluster("dns", ep(backend.getLocalPort()));
            int port = freePort();
            g.apply(new GatewayConfig(Fixtures.map(c), List.of(new Listener.Udp("127.0.0.1", port, c.id()))));
            for (String client : List.of("one", "two")) {
                try (DatagramSocket s = new DatagramSocket()) {
                    s.setSoTimeout(5000);
                    for (int i = 0; i < 3; i++) {
                        byte[] msg = (client + i).getBytes(StandardCharsets.UTF_8);
                        s.send(new DatagramPacket(msg, msg.length, InetAddress.getByName("127.0.0.1"), port));
                        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
                        s.receive(reply);
                        assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8))
                                .isEqualTo("echo:" + client + i);
                    }
                }
            }
            assertThat(g.service("default", "dns").orElseThrow().activeConnections()).isEqualTo(2);
            clock.advance(java.time.Duration.ofSeconds(2));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> g.service("default", "dns").orElseThrow().activeConnections() == 0);
        }
    }
}
