package dev.wharf.builder.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * The OCI runtime config of a build step: Docker's default capabilities, fresh pid/ipc/uts/mount namespaces and
 * a fresh network namespace (no path: only a down {@code lo}, so no network), the usual /proc /dev /sys mounts,
 * and {@code /etc/hosts} and {@code /etc/resolv.conf} bound from the bundle. No resource limits and no rlimits (raising them needs CAP_SYS_RESOURCE, which the agent lacks), no oomScoreAdj.
 */
final class RuncConfig {
    static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private RuncConfig() {
    }

    static ObjectNode of(String id, RunSpec spec, Path bundle) {
        ObjectNode c = Json.object();
        c.put("ociVersion", "1.0.2");
        ObjectNode p = c.putObject("process");
        p.put("terminal", false);
        ObjectNode user = p.putObject("user");
        user.put("uid", spec.user().uid());
        user.put("gid", spec.user().gid());
        spec.args().forEach(p.putArray("args")::add);
        spec.env().forEach(p.putArray("env")::add);
        p.put("cwd", spec.cwd());
        ObjectNode caps = p.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            CAPABILITIES.forEach(caps.putArray(set)::add);
        }
        p.put("noNewPrivileges", false);
        ObjectNode root = c.putObject("root");
        root.put("path", spec.rootfs().toAbsolutePath().toString());
        root.put("readonly", false);
        c.put("hostname", "wharf-build");
        ArrayNode mounts = c.putArray("mounts");
        mount(mounts, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        mount(mounts, "/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"));
        mount(mounts, "/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        mount(mounts, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"));
        mount(mounts, "/etc/hosts", "bind", bundle.resolve("hosts").toString(), List.of("rbind", "rprivate"));
        mount(mounts, "/etc/resolv.conf", "bind", bundle.resolve("resolv.conf").toString(), List.of("rbind", "rprivate"));
        ObjectNode linux = c.putObject("linux");
        linux.put("cgroupsPath", "wharf-build/" + id); // relative: nests under the caller's cgroups
        ArrayNode ns = linux.putArray("namespaces");
        for (String n : List.of("pid", "network", "ipc", "uts", "mount")) {
            ns.addObject().put("type", n);
        }
        List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi").forEach(linux.putArray("maskedPaths")::add);
        List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger").forEach(linux.putArray("readonlyPaths")::add);
        return c;
    }

    private static void mount(ArrayNode mounts, String dest, String type, String source, List<String> options) {
        ObjectNode m = mounts.addObject();
        m.put("destination", dest);
        m.put("type", type);
        m.put("source", source);
        options.forEach(m.putArray("options")::add);
    }
}
