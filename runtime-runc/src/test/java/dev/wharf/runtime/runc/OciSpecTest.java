package dev.wharf.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.ImageRootfs;
import dev.wharf.spi.runtime.Mount;
import dev.wharf.spi.runtime.Resources;
import dev.wharf.spi.runtime.Sandbox;
import dev.wharf.spi.runtime.SandboxSpec;
import dev.wharf.spi.runtime.Security;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OciSpecTest {
    private final Sandbox sandbox = new Sandbox("wharf-abc", SandboxSpec.of("abc", "web-1", "default"), "100.96.1.2",
            "/var/run/netns/wharf-abc");
    private final ImageRootfs image = new ImageRootfs(List.of(Path.of("/layers/1")), List.of("/entry"), List.of("run"),
            List.of("PATH=/bin"), "/app", "1000:1000");

    private JsonNode build(ContainerSpec spec, Path tini, int oomAdj) {
        return OciSpec.build("abc-web-0", sandbox, spec, Path.of("/etc-dir"), tini, oomAdj, 4096);
    }

    @Test
    void hardenedDefaults() {
        JsonNode c = build(ContainerSpec.builder("abc", "web", image).build(), null, -500);
        assertThat(c.at("/process/noNewPrivileges").asBoolean()).isTrue();
        assertThat(c.at("/process/oomScoreAdj").asInt()).isZero();
        assertThat(strings(c.at("/process/capabilities/bounding"))).containsExactlyElementsOf(OciSpec.DEFAULT_CAPS);
        assertThat(strings(c.at("/linux/maskedPaths"))).contains("/proc/kcore", "/sys/firmware");
        assertThat(strings(c.at("/linux/readonlyPaths"))).contains("/proc/sys", "/proc/sysrq-trigger");
        assertThat(c.at("/linux/cgroupsPath").asText()).doesNotStartWith("/");
        assertThat(c.at("/process/user/uid").asLong()).isEqualTo(1000);
        assertThat(c.at("/process/cwd").asText()).isEqualTo("/app");
        assertThat(strings(c.at("/process/args"))).containsExactly("/entry", "run");
        assertThat(c.at("/hostname").asText()).isEqualTo("web-1");
        List<String> sysOptions = new ArrayList<>();
        c.at("/mounts").forEach(m -> {
            if (m.path("destination").asText().equals("/sys")) {
                m.path("options").forEach(o -> sysOptions.add(o.asText()));
            }
        });
        assertThat(sysOptions).contains("ro");
        boolean joinsPodNetns = false;
        for (JsonNode ns : c.at("/linux/namespaces")) {
            joinsPodNetns |= ns.path("type").asText().equals("network") && ns.path("path").asText().equals(sandbox.netns());
        }
        assertThat(joinsPodNetns).isTrue();
    }

    @Test
    void tiniBecomesPid1ThroughAReadOnlyBindMount() {
        JsonNode c = build(ContainerSpec.builder("abc", "web", image).command("httpd", "-f").build(), Path.of("/usr/bin/tini-static"), 0);
        assertThat(strings(c.at("/process/args"))).containsExactly(OciSpec.INIT_PATH, "--", "httpd", "-f");
        boolean mounted = false;
        for (JsonNode m : c.at("/mounts")) {
            mounted |= m.path("destination").asText().equals(OciSpec.INIT_PATH) && strings(m.path("options")).contains("ro");
        }
        assertThat(mounted).isTrue();
    }

    @Test
    void limitsBecomeCgroupSettings() {
        JsonNode c = build(ContainerSpec.builder("abc", "web", image)
                .resources(new Resources(250, 256, 64L << 20, 100)).build(), null, 0);
        assertThat(c.at("/linux/resources/memory/limit").asLong()).isEqualTo(64L << 20);
        assertThat(c.at("/linux/resources/cpu/quota").asLong()).isEqualTo(25_000);
        assertThat(c.at("/linux/resources/cpu/period").asLong()).isEqualTo(100_000);
        assertThat(c.at("/linux/resources/cpu/shares").asLong()).isEqualTo(256);
        assertThat(c.at("/linux/resources/pids/limit").asLong()).isEqualTo(100);
    }

    @Test
    void securityContextAndMounts() {
        JsonNode c = build(ContainerSpec.builder("abc", "web", image)
                .security(new Security(7L, 8L, true, List.of("sys_time"), List.of("NET_RAW", "CAP_KILL"), false))
                .mount(new Mount(Path.of("/host/data"), "/data", true)).build(), null, 0);
        assertThat(c.at("/process/user/uid").asLong()).isEqualTo(7);
        assertThat(c.at("/process/user/gid").asLong()).isEqualTo(8);
        assertThat(c.at("/root/readonly").asBoolean()).isTrue();
        assertThat(strings(c.at("/process/capabilities/effective"))).contains("CAP_SYS_TIME")
                .doesNotContain("CAP_NET_RAW", "CAP_KILL");
        JsonNode data = null;
        for (JsonNode m : c.at("/mounts")) {
            if (m.path("destination").asText().equals("/data")) {
                data = m;
            }
        }
        assertThat(data).isNotNull();
        assertThat(data.path("source").asText()).isEqualTo("/host/data");
        assertThat(strings(data.path("options"))).contains("rbind", "ro");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
