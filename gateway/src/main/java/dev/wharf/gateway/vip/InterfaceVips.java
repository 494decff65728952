package dev.wharf.gateway.vip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Service virtual IPs as /32 addresses on an interface Wharf owns ({@code wharf-svc} by default), the way
 * kube-proxy's IPVS mode uses {@code kube-ipvs0}: a dummy interface, or an empty bridge on kernels built without the
 * dummy driver (addresses on it are just as local). Changes go through {@code ip -batch} (iproute2), one process per
 * sync whatever the number of addresses. The interface is created at start (flushing addresses a previous run left)
 * and deleted at close. Needs CAP_NET_ADMIN.
 */
public final class InterfaceVips implements VirtualIps {
    private static final Logger LOG = Logger.getLogger(InterfaceVips.class.getName());
    private final String device;
    private final Set<String> present = new HashSet<>();

    private InterfaceVips(String device) {
        this.device = device;
    }

    /** Creates (or takes over) the interface; throws when iproute2 refuses (not root, no dummy module). */
    public static InterfaceVips create(String device) throws IOException {
        InterfaceVips v = new InterfaceVips(device);
        if (run(List.of("ip", "link", "show", device), null) != 0
                && run(List.of("ip", "link", "add", device, "type", "dummy"), null) != 0) {
            v.check(List.of("ip", "link", "add", device, "type", "bridge"));
        }
        v.check(List.of("ip", "addr", "flush", "dev", device));
        v.check(List.of("ip", "link", "set", device, "up"));
        return v;
    }

    @Override
    public synchronized void sync(Set<String> ips) {
        StringBuilder batch = new StringBuilder();
        List<String> added = new ArrayList<>();
        for (String ip : ips) {
            if (!present.contains(ip)) {
                batch.append("addr replace ").append(ip).append("/32 dev ").append(device).append('\n');
                added.add(ip);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String ip : present) {
            if (!ips.contains(ip)) {
                batch.append("addr del ").append(ip).append("/32 dev ").append(device).append('\n');
                removed.add(ip);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            if (run(List.of("ip", "-force", "-batch", "-"), batch.toString()) != 0) {
                LOG.warning("ip -batch reported errors while changing service addresses on " + device);
            }
        } catch (IOException e) {
            LOG.warning("cannot change service addresses on " + device + ": " + e.getMessage());
            return;
        }
        present.addAll(added);
        removed.forEach(present::remove);
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public synchronized void close() {
        try {
            run(List.of("ip", "link", "del", device), null);
        } catch (IOException e) {
            LOG.warning("cannot delete " + device + ": " + e.getMessage());
        }
        present.clear();
    }

    private void check(List<String> cmd) throws IOException {
        if (run(cmd, null) != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (service cluster IPs need root / CAP_NET_ADMIN)");
        }
    }

    private static int run(List<String> cmd, String stdin) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0 && out.length > 0) {
            LOG.fine(() -> String.join(" ", cmd) + ": " + new String(out, StandardCharsets.UTF_8).strip());
        }
        return p.exitValue();
    }
}
