package dev.wharf.controller.runtime.leader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaderElectorTest {
    final ManualClock clock = new ManualClock();
    final FakeApiClient api = new FakeApiClient(clock, Randoms.seeded(4));
    final LeaderElector a = new LeaderElector(api, clock, "kube-system", "wharf", "a", Duration.ofSeconds(15), Duration.ofSeconds(2));
    final LeaderElector b = new LeaderElector(api, clock, "kube-system", "wharf", "b", Duration.ofSeconds(15), Duration.ofSeconds(2));

    @Test
    void oneLeaderAtATimeAndTakeoverAfterExpiry() {
        assertThat(a.tryAcquireOrRenew()).isTrue();
        assertThat(b.tryAcquireOrRenew()).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(a.tryAcquireOrRenew()).as("renews").isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(b.tryAcquireOrRenew()).as("a renewed 10 s ago").isFalse();
        clock.advance(Duration.ofSeconds(6));
        assertThat(b.tryAcquireOrRenew()).as("a's lease expired").isTrue();
        assertThat(a.tryAcquireOrRenew()).isFalse();
        Lease lease = api.get(Lease.class, "kube-system", "wharf");
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("b");
        assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(15);
    }

    @Test
    void releaseLetsTheOtherCandidateInAtOnce() {
        assertThat(a.tryAcquireOrRenew()).isTrue();
        a.release();
        assertThat(a.isLeader()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.tryAcquireOrRenew()).isTrue();
    }

    @Test
    void aLeaderSurvivesFailedRenewalsUntilItsRenewDeadline() {
        dev.wharf.controller.runtime.ApiClient failing = (dev.wharf.controller.runtime.ApiClient) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {dev.wharf.controller.runtime.ApiClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("update") && failUpdates[0]) {
                        throw dev.wharf.api.ApiException.internal("store unavailable");
                    }
                    try {
                        return method.invoke(api, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        LeaderElector flaky = new LeaderElector(failing, clock, "kube-system", "wharf", "f", Duration.ofSeconds(15), Duration.ofSeconds(2));
        assertThat(flaky.tryAcquireOrRenew()).isTrue();
        failUpdates[0] = true;
        clock.advance(Duration.ofSeconds(9));
        assertThat(flaky.tryAcquireOrRenew()).as("within the 10 s renew deadline").isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(flaky.tryAcquireOrRenew()).as("past it").isFalse();
    }

    final boolean[] failUpdates = {false};
}
