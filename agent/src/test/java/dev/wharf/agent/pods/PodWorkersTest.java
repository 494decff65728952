package dev.wharf.agent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Result;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** stop() returns only once the sync in flight is done (a shutdown once raced a pod's container creation). */
class PodWorkersTest {
    @Test
    void stopWaitsForTheSyncInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        PodWorkers workers = new PodWorkers(new ManualClock(), key -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
            return Result.DONE;
        });
        workers.start("test");
        workers.enqueue(Key.of("ns", "pod"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean stopped = new AtomicBoolean();
        Thread stopper = Thread.ofPlatform().start(() -> {
            workers.stop();
            stopped.set(true);
        });
        stopper.join(300);
        assertThat(stopped).as("stop() waits while a sync runs").isFalse();
        release.countDown();
        stopper.join(10_000);
        assertThat(stopped).isTrue();
        assertThat(finished).isTrue();
        assertThat(workers.active()).isZero();
    }
}
