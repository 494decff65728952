package dev.wharf.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.DiscoveryFixture;
import dev.wharf.cli.WharfCli;
import dev.wharf.common.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code logs -f} and {@code get -w} print each line as it arrives: the server below sends one line, then waits
 * until the CLI has printed it before it sends the rest. A CLI that buffered the whole answer would never finish.
 */
class StreamingTest {
    @TempDir
    Path home;

    private HttpServer server;
    private final CountDownLatch firstLinePrinted = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        Path kubeconfig = home.resolve(".wharf/kubeconfig");
        Files.createDirectories(kubeconfig.getParent());
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                """.formatted(server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
        var discovery = DiscoveryFixture.documents().get(path);
        if (discovery != null) {
            send(exchange, discovery.toString());
        } else if (path.endsWith("/log")) {
            stream(exchange, "first\n", "second\n");
        } else if (path.endsWith("/pods") && query.contains("watch=true")) {
            stream(exchange, event("web-1", "Pending"), event("web-1", "Running"));
        } else if (path.endsWith("/pods")) {
            send(exchange, "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"resourceVersion\":\"3\"},"
                    + "\"columnDefinitions\":[{\"name\":\"Name\",\"priority\":0},{\"name\":\"Status\",\"priority\":0}],\"rows\":[]}");
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        }
    }

    private static String event(String name, String status) {
        return "{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"columnDefinitions\":[],"
                + "\"rows\":[{\"cells\":[\"" + name + "\",\"" + status + "\"]}]}}\n";
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void stream(HttpExchange exchange, String first, String rest) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(first.getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                if (!firstLinePrinted.await(20, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.write(rest.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String run(String expectFirst, String... args) throws Exception {
        StringWriter text = new StringWriter();
        Writer watching = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                text.write(buffer, offset, length);
                if (text.toString().contains(expectFirst)) {
                    firstLinePrinted.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        CommandLine cli = WharfCli.newRoot(new CliEnvironment(Map.of(), home, new ByteArrayInputStream(new byte[0]), new ManualClock()));
        cli.setOut(new PrintWriter(watching, true));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int code = CompletableFuture.supplyAsync(() -> cli.execute(args)).get(30, TimeUnit.SECONDS);
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        return text.toString();
    }

    @Test
    void logsFollowPrintsEachLineAsItComes() throws Exception {
        assertThat(run("first", "logs", "web-1", "-f")).isEqualTo("first\nsecond\n");
    }

    @Test
    void getWatchPrintsEachEventAsItComes() throws Exception {
        assertThat(run("Pending", "get", "pods", "-w").lines().toList())
                .containsExactly("NAME    STATUS", "web-1   Pending", "web-1   Running");
    }
}
