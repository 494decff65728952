package dev.wharf.agent.probe;

import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.ExecResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The real probes: httpGet (2xx/3xx is success) and tcpSocket (a connection opens) against the pod IP, exec
 * through {@link ContainerRuntime#exec} (exit 0 is success); each bounded by {@code timeoutSeconds}.
 */
public final class NetworkProbeRunner implements ProbeRunner {
    private final ContainerRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public NetworkProbeRunner(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Outcome run(Probe probe, Container container, String podIp, String containerId) {
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() < 1
                ? 1 : probe.getTimeoutSeconds());
        if (probe.getExec() != null) {
            try {
                ExecResult r = runtime.exec(containerId, probe.getExec().getCommand(), timeout);
                if (r.timedOut()) {
                    return Outcome.failure("command timed out");
                }
                return r.exitCode() == 0 ? Outcome.OK
                        : Outcome.failure("command " + probe.getExec().getCommand() + " exited with " + r.exitCode()
                        + (r.output().isBlank() ? "" : ": " + r.output().strip()));
            } catch (ContainerRuntimeException e) {
                return Outcome.failure(e.getMessage());
            }
        }
        if (probe.getHttpGet() != null) {
            return httpGet(probe.getHttpGet(), container, podIp, timeout);
        }
        if (probe.getTcpSocket() != null) {
            String host = probe.getTcpSocket().getHost() == null || probe.getTcpSocket().getHost().isEmpty()
                    ? podIp : probe.getTcpSocket().getHost();
            int port = port(probe.getTcpSocket().getPort(), container);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                return Outcome.OK;
            } catch (IOException e) {
                return Outcome.failure("dial tcp " + host + ":" + port + ": " + e.getMessage());
            }
        }
        return Outcome.failure("unsupported probe handler (only exec, httpGet and tcpSocket)");
    }

    private Outcome httpGet(HTTPGetAction get, Container container, String podIp, Duration timeout) {
        String host = get.getHost() == null || get.getHost().isEmpty() ? podIp : get.getHost();
        int port = port(get.getPort(), container);
        String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase(java.util.Locale.ROOT);
        String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String url = scheme + "://" + host + ":" + port + path;
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                    .header("User-Agent", "kube-probe/1.32");
            if (get.getHttpHeaders() != null) {
                get.getHttpHeaders().forEach(h -> req.header(h.getName(), h.getValue()));
            }
            HttpResponse<Void> resp = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
            int code = resp.statusCode();
            return code >= 200 && code < 400 ? Outcome.OK : Outcome.failure("HTTP probe failed with statuscode: " + code);
        } catch (IOException e) {
            return Outcome.failure("Get \"" + url + "\": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failure("interrupted");
        }
    }

    /** A numeric port, or a named one looked up among the container's ports. */
    static int port(IntOrString port, Container container) {
        if (port == null) {
            return 80;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        if (container.getPorts() != null) {
            for (ContainerPort p : container.getPorts()) {
                if (name.equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
