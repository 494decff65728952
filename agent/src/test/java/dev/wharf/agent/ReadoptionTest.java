package dev.wharf.agent;

import dev.wharf.runtime.fake.FakeRuntime;
import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.ImageRootfs;
import dev.wharf.spi.runtime.SandboxSpec;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.wharf.agent.AgentHarness.pod;
import static dev.wharf.agent.AgentHarness.status;
import static org.assertj.core.api.Assertions.assertThat;

class ReadoptionTest {
    @TempDir
    Path dir;

    @Test
    void aNewAgentKeepsRunningContainersAndRemovesOrphans() throws Exception {
        try (AgentHarness h = new AgentHarness(dir).start()) {
            h.create(pod("keep").build());
            Pod before = h.awaitPod("keep", AgentHarness::ready);
            String id = h.running("keep", "app");
            h.agent.stop();

            // an orphan: a sandbox and container of a pod that no longer exists
            var sb = h.runtime.runSandbox(SandboxSpec.of("gone-uid", "gone", "default"));
            String orphan = h.runtime.createContainer(sb, ContainerSpec.builder("gone-uid", "app",
                    ImageRootfs.of(dir)).command("sleep", "1").build());
            h.runtime.start(orphan);

            h.runtime = new FakeRuntime(dir.resolve("runtime"), h.clock);
            h.api.clearActions();
            h.start();
            h.settle();
            assertThat(h.running("keep", "app")).isEqualTo(id);
            assertThat(h.containers("keep", "app")).hasSize(1);
            assertThat(h.runtime.find(orphan)).isEmpty();
            assertThat(h.runtime.listSandboxes()).extracting(s -> s.spec().podUid())
                    .containsExactly(before.getMetadata().getUid());
            Pod after = h.get("keep");
            assertThat(status(after, "app").getRestartCount()).isZero();
            assertThat(after.getStatus().getPodIP()).isEqualTo(before.getStatus().getPodIP());
            assertThat(AgentHarness.ready(after)).isTrue();
            assertThat(h.api.actions()).noneMatch(a -> a.resource().equals("pods"));
            assertThat(h.reasons().stream().filter("Started"::equals)).hasSize(1);
        }
    }
}
