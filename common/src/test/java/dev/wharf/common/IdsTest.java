package dev.wharf.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void uidsAreVersion4UuidsAndRepeatableWithASeed() {
        String a = Ids.uid(Randoms.seeded(7));
        UUID u = UUID.fromString(a);
        assertThat(u.version()).isEqualTo(4);
        assertThat(u.variant()).isEqualTo(2);
        assertThat(Ids.uid(Randoms.seeded(7))).isEqualTo(a);
        assertThat(Ids.uid(Randoms.seeded(8))).isNotEqualTo(a);
    }

    @Test
    void suffixesUseKubernetesAlphabet() {
        assertThat(Ids.suffix(Randoms.seeded(1), 5)).hasSize(5).matches("[bcdfghjklmnpqrstvwxz2456789]{5}");
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff b = new Backoff(java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5));
        assertThat(b.delay(0)).isZero();
        assertThat(b.delay(1)).hasSeconds(10);
        assertThat(b.delay(3)).hasSeconds(40);
        assertThat(b.delay(50)).hasMinutes(5);
    }

    @Test
    void manualClockMovesOnlyWhenTold() {
        ManualClock c = new ManualClock();
        var t0 = c.now();
        c.advance(java.time.Duration.ofSeconds(3));
        assertThat(c.now()).isEqualTo(t0.plusSeconds(3));
        assertThat(c.nanoTime()).isEqualTo(3_000_000_000L);
    }
}
