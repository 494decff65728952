package dev.wharf.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Clock;
import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.ExecResult;
import dev.wharf.spi.runtime.ImageRootfs;
import dev.wharf.spi.runtime.PortMapping;
import dev.wharf.spi.runtime.Sandbox;
import dev.wharf.spi.runtime.SandboxSpec;
import dev.wharf.spi.runtime.Security;
import dev.wharf.testkit.runtime.Await;
import dev.wharf.testkit.runtime.Requirements;
import dev.wharf.testkit.runtime.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the runc driver does: pods on two nodes (two bridges) of one machine, security context. */
class RuncNodesTest {
    static final RuncConfig NODE_A = RuncConfig.forNode(251);
    static final RuncConfig NODE_B = RuncConfig.forNode(252);

    @TempDir
    Path tmp;
    private RuncRuntime a;
    private RuncRuntime b;

    @BeforeAll
    static void needsRootAndRunc() {
        Requirements.require(NODE_A.usable() && TestImages.busyboxAvailable(), "root with runc, conmon, CNI plugins and busybox");
    }

    @AfterEach
    void cleanUp() {
        for (RuncRuntime rt : new RuncRuntime[] {a, b}) {
            if (rt != null) {
                rt.listSandboxes().forEach(s -> rt.removeSandbox(s.id()));
                rt.destroyNodeNetwork();
            }
        }
    }

    @Test
    void podsOnDifferentNodesOfTheMachineReachEachOther() {
        a = new RuncRuntime(tmp.resolve("a"), Clock.system(), NODE_A);
        b = new RuncRuntime(tmp.resolve("b"), Clock.system(), NODE_B);
        ImageRootfs image = TestImages.busybox(tmp);
        Sandbox web = a.runSandbox(SandboxSpec.of("aaaa1111-0000-4000-8000-000000000001", "web", "default"));
        Sandbox client = b.runSandbox(SandboxSpec.of("bbbb2222-0000-4000-8000-000000000002", "client", "default"));
        assertThat(web.ip()).startsWith("100.96.251.");
        assertThat(client.ip()).startsWith("100.96.252.");
        String w = a.createContainer(web, ContainerSpec.builder(web.spec().podUid(), "web", image)
                .command("httpd", "-f", "-p", "8080", "-h", "/").build());
        a.start(w);
        String c = b.createContainer(client, ContainerSpec.builder(client.spec().podUid(), "client", image)
                .command("sleep", "60").build());
        b.start(c);
        ExecResult r = Await.until(Duration.ofSeconds(10), () -> b.exec(c, List.of("wget", "-q", "-O", "-",
                "http://" + web.ip() + ":8080/www/index.html"), Duration.ofSeconds(3)), x -> x.exitCode() == 0);
        assertThat(r.output()).contains(TestImages.INDEX_TEXT);
    }

    @Test
    void hostPortsForwardToThePodAndLeaveNoChainsBehind() {
        a = new RuncRuntime(tmp.resolve("a"), Clock.system(), NODE_A);
        ImageRootfs image = TestImages.busybox(tmp);
        SandboxSpec spec = new SandboxSpec("dddd4444-0000-4000-8000-000000000004", "hp", "default", "hp", "",
                List.of(new PortMapping(8080, 38251, "TCP")), java.util.Map.of());
        Sandbox sb = a.runSandbox(spec);
        String id = a.createContainer(sb, ContainerSpec.builder(spec.podUid(), "web", image)
                .command("httpd", "-f", "-p", "8080", "-h", "/").build());
        a.start(id);
        String body = Await.until(Duration.ofSeconds(10), () -> get("http://127.0.0.1:38251/www/index.html"), r -> r.contains(TestImages.INDEX_TEXT));
        assertThat(body).contains(TestImages.INDEX_TEXT);
        a.removeSandbox(sb.id());
        String nat = dev.wharf.runtime.support.Cmd.check(List.of("iptables", "-w", "-t", "nat", "-S"), Duration.ofSeconds(10));
        assertThat(nat).doesNotContain("CNI-HOSTPORT-").doesNotContain("38251");
    }

    private static String get(String url) {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSandboxWhoseNamespaceVanishedIsMadeAnew() {
        a = new RuncRuntime(tmp.resolve("a"), Clock.system(), NODE_A);
        SandboxSpec spec = SandboxSpec.of("eeee5555-0000-4000-8000-000000000005", "reboot", "default");
        Sandbox before = a.runSandbox(spec);
        dev.wharf.runtime.support.Cmd.check(List.of("ip", "netns", "del", before.id()), Duration.ofSeconds(10));
        Sandbox after = a.runSandbox(spec);
        assertThat(java.nio.file.Files.exists(Path.of(after.netns()))).isTrue();
        assertThat(after.ip()).startsWith("100.96.251.");
        assertThat(a.listSandboxes()).hasSize(1);
        a.removeSandbox(after.id());
        String nat = dev.wharf.runtime.support.Cmd.check(List.of("iptables", "-w", "-t", "nat", "-S"), Duration.ofSeconds(10));
        assertThat(nat).as("masquerade rules of the vanished and the new netns").doesNotContain(after.id());
    }

    @Test
    void securityContextApplies() {
        a = new RuncRuntime(tmp.resolve("a"), Clock.system(), NODE_A);
        ImageRootfs image = TestImages.busybox(tmp);
        Sandbox sb = a.runSandbox(SandboxSpec.of("cccc3333-0000-4000-8000-000000000003", "sec", "default"));
        String id = a.createContainer(sb, ContainerSpec.builder(sb.spec().podUid(), "sec", image)
                .command("sh", "-c", "id -u; id -g; touch /x && echo wrote-root; grep CapEff /proc/self/status; hostname")
                .security(new Security(1234L, 5678L, true, List.of(), List.of("ALL"), false)).build());
        a.start(id);
        ContainerStatus st = Await.until(Duration.ofSeconds(10), () -> a.status(id), ContainerStatus::exited);
        String log = Await.until(Duration.ofSeconds(5), () -> readLog(a, id), l -> l.contains("CapEff"));
        assertThat(log).contains("1234").contains("5678").doesNotContain("wrote-root")
                .contains("CapEff:\t0000000000000000").contains("sec");
        assertThat(st.exitCode()).isZero();
    }

    private static String readLog(RuncRuntime rt, String id) {
        try {
            return java.nio.file.Files.readString(rt.logPath(id));
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
