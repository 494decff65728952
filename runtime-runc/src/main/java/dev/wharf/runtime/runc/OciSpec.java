package dev.wharf.runtime.runc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.Mount;
import dev.wharf.spi.runtime.Resources;
import dev.wharf.spi.runtime.Sandbox;
import dev.wharf.spi.runtime.Security;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds an OCI runtime config.json with Docker's hardened defaults: its default capability set, no_new_privs,
 * masked and read-only /proc and /sys paths, /sys read-only, devices denied except runc's defaults, a relative
 * cgroups path, oomScoreAdj never below the agent's own (a lower one needs CAP_SYS_RESOURCE, which the agent
 * lacks), and limits from the container's resources.
 */
final class OciSpec {
    static final List<String> DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    static final List<String> MASKED = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    static final List<String> READONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
    static final String INIT_PATH = "/dev/init";
    static final long CPU_PERIOD = 100_000;

    private OciSpec() {
    }

    /**
     * @param etcDir  the sandbox's directory with hosts, hostname, resolv.conf
     * @param tini    tini binary to inject as PID 1, or null
     */
    static ObjectNode build(String id, Sandbox sandbox, ContainerSpec spec, Path etcDir, Path tini, int oomScoreAdj, long nofile) {
        ObjectNode c = Json.object().put("ociVersion", "1.0.2");
        ObjectNode process = c.putObject("process").put("terminal", false).put("cwd", spec.effectiveWorkingDir())
                .put("noNewPrivileges", true).put("oomScoreAdj", Math.max(0, oomScoreAdj));
        long[] ids = user(spec);
        process.putObject("user").put("uid", ids[0]).put("gid", ids[1]);
        ArrayNode args = process.putArray("args");
        if (tini != null) {
            args.add(INIT_PATH).add("--");
        }
        spec.processArgs().forEach(args::add);
        ArrayNode env = process.putArray("env");
        List<String> vars = new ArrayList<>(spec.processEnv());
        if (vars.stream().noneMatch(v -> v.startsWith("PATH="))) {
            vars.addFirst("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        }
        if (vars.stream().noneMatch(v -> v.startsWith("HOSTNAME="))) {
            vars.add("HOSTNAME=" + sandbox.spec().hostname());
        }
        vars.forEach(env::add);
        ObjectNode caps = process.putObject("capabilities");
        List<String> effective = capabilities(spec.security());
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = caps.putArray(set);
            effective.forEach(a::add);
        }
        process.putArray("rlimits").addObject().put("type", "RLIMIT_NOFILE").put("hard", nofile).put("soft", nofile);

        c.putObject("root").put("path", "rootfs").put("readonly", spec.security().readOnlyRootFilesystem());
        c.put("hostname", sandbox.spec().hostname());
        mounts(c.putArray("mounts"), spec, etcDir, tini);
        linux(c.putObject("linux"), id, sandbox, spec.resources());
        return c;
    }

    private static void mounts(ArrayNode m, ContainerSpec spec, Path etcDir, Path tini) {
        mount(m, "/proc", "proc", "proc", "nosuid", "noexec", "nodev");
        mount(m, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
        mount(m, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5");
        mount(m, "/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k");
        mount(m, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
        mount(m, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
        mount(m, "/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro");
        for (String f : List.of("hosts", "hostname", "resolv.conf")) {
            mount(m, "/etc/" + f, "bind", etcDir.resolve(f).toString(), "rbind", "rprivate");
        }
        if (tini != null) {
            mount(m, INIT_PATH, "bind", tini.toString(), "bind", "ro", "nosuid", "nodev");
        }
        for (Mount mt : spec.mounts()) {
            if (mt.readOnly()) {
                mount(m, mt.containerPath(), "bind", mt.hostPath().toString(), "rbind", "rprivate", "ro");
            } else {
                mount(m, mt.containerPath(), "bind", mt.hostPath().toString(), "rbind", "rprivate");
            }
        }
    }

    private static void mount(ArrayNode m, String dest, String type, String source, String... options) {
        ArrayNode o = m.addObject().put("destination", dest).put("type", type).put("source", source).putArray("options");
        for (String opt : options) {
            o.add(opt);
        }
    }

    private static void linux(ObjectNode linux, String id, Sandbox sandbox, Resources r) {
        ArrayNode ns = linux.putArray("namespaces");
        for (String t : List.of("pid", "ipc", "uts", "mount")) {
            ns.addObject().put("type", t);
        }
        ns.addObject().put("type", "network").put("path", sandbox.netns());
        linux.put("cgroupsPath", "wharf-" + id);
        ObjectNode res = linux.putObject("resources");
        res.putArray("devices").addObject().put("allow", false).put("access", "rwm");
        if (r.memoryLimitBytes() > 0) {
            res.putObject("memory").put("limit", r.memoryLimitBytes()).put("swap", r.memoryLimitBytes());
        }
        if (r.cpuLimitMillis() > 0 || r.cpuShares() > 0) {
            ObjectNode cpu = res.putObject("cpu");
            if (r.cpuShares() > 0) {
                cpu.put("shares", r.cpuShares());
            }
            if (r.cpuLimitMillis() > 0) {
                cpu.put("quota", r.cpuLimitMillis() * CPU_PERIOD / 1000).put("period", CPU_PERIOD);
            }
        }
        if (r.pidsLimit() > 0) {
            res.putObject("pids").put("limit", r.pidsLimit());
        }
        ArrayNode masked = linux.putArray("maskedPaths");
        MASKED.forEach(masked::add);
        ArrayNode ro = linux.putArray("readonlyPaths");
        READONLY.forEach(ro::add);
    }

    /** Docker's default set with the security context's drops and adds; names with or without CAP_, or ALL. */
    static List<String> capabilities(Security s) {
        Set<String> caps = new LinkedHashSet<>(DEFAULT_CAPS);
        for (String d : s.capabilitiesDrop()) {
            if (d.equalsIgnoreCase("ALL")) {
                caps.clear();
            } else {
                caps.remove(capName(d));
            }
        }
        for (String a : s.capabilitiesAdd()) {
            if (!a.equalsIgnoreCase("ALL")) {
                caps.add(capName(a));
            }
        }
        return List.copyOf(caps);
    }

    private static String capName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.startsWith("CAP_") ? n : "CAP_" + n;
    }

    /** uid/gid: securityContext first, then the image USER, else root. */
    static long[] user(ContainerSpec spec) {
        long[] ids = ImageUser.resolve(spec.image());
        long uid = ids[0];
        long gid = ids[1];
        if (spec.security().runAsUser() != null) {
            uid = spec.security().runAsUser();
        }
        if (spec.security().runAsGroup() != null) {
            gid = spec.security().runAsGroup();
        }
        return new long[] {uid, gid};
    }
}
