package dev.wharf.spi.store.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysTest {
    @Test
    void prefixEndIsTheFirstKeyAfterThePrefix() {
        assertThat(Keys.prefixEnd("/registry/pods/")).isEqualTo("/registry/pods0");
        assertThat(Keys.prefixEnd("a")).isEqualTo("b");
        assertThat(Keys.prefixEnd("")).isNull();
        String max = Character.toString(Character.MAX_CODE_POINT);
        assertThat(Keys.prefixEnd("a" + max)).isEqualTo("b");
        assertThat(Keys.prefixEnd(max + max)).isNull();
        assertThat(Keys.prefixEnd("a\ud7ff")).isEqualTo("a\ue000");
    }

    @Test
    void orderIsCodePointOrderLikeUtf8Bytes() {
        String supplementary = Character.toString(0x1F600);
        List<String> keys = new ArrayList<>(List.of(supplementary, "\uffff", "b", "a", "ab"));
        keys.sort(Keys.ORDER);
        assertThat(keys).containsExactly("a", "ab", "b", "\uffff", supplementary);
        assertThat("\uffff".compareTo(supplementary)).as("String order differs beyond the BMP").isPositive();
    }

    @Test
    void emptyAndNullKeysAreRejected() {
        assertThatThrownBy(() -> Keys.check("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.check(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
