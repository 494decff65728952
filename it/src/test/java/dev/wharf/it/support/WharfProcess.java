package dev.wharf.it.support;

import dev.wharf.testkit.net.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real Wharf server in its own JVM (the distribution's main class on this module's class path), on a temp data
 * dir and a free port: what a user gets from `wharf dev`, killable with SIGTERM or SIGKILL.
 */
public final class WharfProcess implements AutoCloseable {
    private final Path dataDir;
    private final int apiPort;
    private final Process process;
    private final Path log;

    private WharfProcess(Path dataDir, int apiPort, Process process, Path log) {
        this.dataDir = dataDir;
        this.apiPort = apiPort;
        this.process = process;
        this.log = log;
    }

    /** A control plane only: no node agents, the registry on a free port, no Ingress ports. */
    public static WharfProcess start(Path dataDir, String... extraArgs) throws Exception {
        return start(dataDir, freePort(), extraArgs);
    }

    public static WharfProcess start(Path dataDir, int apiPort, String... extraArgs) throws Exception {
        Files.createDirectories(dataDir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.wharf.server.Main");
        cmd.add("dev");
        cmd.add("--data-dir");
        cmd.add(dataDir.toString());
        cmd.add("--api-port");
        cmd.add(String.valueOf(apiPort));
        List<String> extra = List.of(extraArgs);
        if (!extra.contains("--registry-port")) {
            cmd.add("--registry-port");
            cmd.add(String.valueOf(freePort()));
        }
        if (!extra.contains("--gateway-port")) {
            cmd.add("--gateway-port");
            cmd.add("0");
        }
        if (!extra.contains("--gateway-tls-port")) {
            cmd.add("--gateway-tls-port");
            cmd.add("0");
        }
        if (!extra.contains("--nodes")) {
            cmd.add("--nodes");
            cmd.add("0");
        }
        cmd.addAll(extra);
        Path log = dataDir.resolve("wharf-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WharfProcess w = new WharfProcess(dataDir, apiPort, p, log);
        w.awaitReady(Duration.ofSeconds(60));
        return w;
    }

    public void awaitReady(Duration timeout) throws Exception {
        HttpClient http = insecureClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("wharf exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + apiPort + "/readyz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().trim().equals("ok") && Files.exists(kubeconfig())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("wharf not ready within " + timeout + ":\n" + logTail());
    }

    public Path dataDir() {
        return dataDir;
    }

    public int apiPort() {
        return apiPort;
    }

    public String url() {
        return "https://127.0.0.1:" + apiPort;
    }

    public Path kubeconfig() {
        return dataDir.resolve("kubeconfig");
    }

    public String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin.token")).trim();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM and wait: a clean shutdown. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    /** SIGKILL: a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }

    public static int freePort() {
        return FreePorts.next();
    }

    public static HttpClient insecureClient() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(2)).build();
    }
}
