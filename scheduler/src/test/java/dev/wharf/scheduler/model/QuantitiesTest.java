package dev.wharf.scheduler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.ApiException;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
    @Test
    void cpuInMillicoresRoundedUp() {
        assertThat(Quantities.milli(new Quantity("500m"), "cpu")).isEqualTo(500);
        assertThat(Quantities.milli(new Quantity("2"), "cpu")).isEqualTo(2000);
        assertThat(Quantities.milli(new Quantity("1.5"), "cpu")).isEqualTo(1500);
        assertThat(Quantities.milli(new Quantity("0.0001"), "cpu")).isEqualTo(1);
        assertThat(Quantities.milli(new Quantity("1e3"), "cpu")).isEqualTo(1_000_000);
    }

    @Test
    void bytesWithBinaryAndDecimalSuffixes() {
        assertThat(Quantities.units(new Quantity("128Mi"), "memory")).isEqualTo(128L << 20);
        assertThat(Quantities.units(new Quantity("1G"), "memory")).isEqualTo(1_000_000_000L);
        assertThat(Quantities.units(new Quantity("1.5Gi"), "memory")).isEqualTo(3L << 29);
        assertThat(Quantities.units(new Quantity("100m"), "memory")).isEqualTo(1);
    }

    @Test
    void agreesWithFabric8OnAnAssortment() {
        for (String s : new String[] {"0", "1", "250m", "64Ki", "3Ti", "12k", "7M", "0.5Mi", "2E", "110", "1Pi"}) {
            long expected = Quantity.getAmountInBytes(new Quantity(s)).setScale(0, RoundingMode.CEILING).longValueExact();
            assertThat(Quantities.units(new Quantity(s), "x")).as(s).isEqualTo(expected);
            BigDecimal milli = Quantity.getAmountInBytes(new Quantity(s)).movePointRight(3);
            if (milli.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                assertThat(Quantities.milli(new Quantity(s), "x")).as(s)
                        .isEqualTo(milli.setScale(0, RoundingMode.CEILING).longValueExact());
            }
        }
    }

    @Test
    void garbageIsABadRequest() {
        for (String s : new String[] {"lots", "1Qi", "..5", "", "Mi"}) {
            assertThatThrownBy(() -> Quantities.parse(s, 0, "spec.x")).as(s).isInstanceOf(ApiException.class)
                    .hasMessageContaining("spec.x");
        }
    }
}
