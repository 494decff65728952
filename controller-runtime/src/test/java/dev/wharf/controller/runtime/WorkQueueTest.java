package dev.wharf.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
    final ManualClock clock = new ManualClock();
    final WorkQueue<String> queue = new WorkQueue<>(clock);

    @Test
    void deduplicatesQueuedKeys() {
        queue.add("a");
        queue.add("a");
        queue.add("b");
        assertThat(queue.readyCount()).isEqualTo(2);
    }

    @Test
    void keyReaddedWhileProcessingComesBackAfterDone() {
        queue.add("a");
        String key = queue.poll();
        queue.add("a");
        assertThat(queue.poll()).as("not handed to a second worker").isNull();
        queue.done(key);
        assertThat(queue.poll()).isEqualTo("a");
    }

    @Test
    void delayedAddsWaitForTheClock() {
        queue.addAfter("a", Duration.ofSeconds(5));
        queue.addAfter("a", Duration.ofSeconds(2));
        assertThat(queue.poll()).isNull();
        clock.advance(Duration.ofSeconds(2));
        assertThat(queue.poll()).isEqualTo("a");
        assertThat(queue.delayedCount()).isZero();
    }

    @Test
    void rateLimitedRetriesBackOffExponentiallyUntilForgotten() {
        RateLimiter limiter = new RateLimiter(clock);
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(20));
        for (int i = 0; i < 40; i++) {
            limiter.when("a");
        }
        assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1000));
        limiter.forget("a");
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void overallBucketLimitsAStormOfFailures() {
        RateLimiter limiter = new RateLimiter(clock);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.when("k" + i)).isEqualTo(Duration.ofMillis(5));
        }
        assertThat(limiter.when("k100")).isEqualTo(Duration.ofMillis(100));
    }
}
