package dev.wharf.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.ApiException;
import dev.wharf.common.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerTest {
    final ManualClock clock = new ManualClock();

    @Test
    void failuresRetryWithBackoffAndRequeueAfterWaitsForTheClock() {
        List<String> calls = new ArrayList<>();
        int[] failuresLeft = {2};
        Controller c = new Controller("t", key -> {
            calls.add(key.name() + "@" + clock.nanoTime() / 1_000_000);
            if (key.name().equals("flaky") && failuresLeft[0]-- > 0) {
                throw ApiException.conflict("configmaps", "", "flaky", "stale");
            }
            return key.name().equals("later") && calls.size() < 5 ? Result.after(Duration.ofSeconds(3)) : Result.DONE;
        }, clock, 1);
        c.enqueue(Key.of("ns", "flaky"));
        c.enqueue(Key.of("ns", "later"));
        while (c.processNext()) {
        }
        assertThat(calls).containsExactly("flaky@0", "later@0");
        clock.advance(Duration.ofMillis(5));
        while (c.processNext()) {
        }
        clock.advance(Duration.ofMillis(10));
        while (c.processNext()) {
        }
        assertThat(calls).containsExactly("flaky@0", "later@0", "flaky@5", "flaky@15");
        clock.advance(Duration.ofSeconds(3));
        while (c.processNext()) {
        }
        assertThat(calls).last().isEqualTo("later@3015");
    }
}
