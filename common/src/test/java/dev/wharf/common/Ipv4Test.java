package dev.wharf.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ipv4Test {
    @Test
    void dottedAddressesRoundTripThroughNumbers() {
        assertThat(Ipv4.toLong("100.64.0.10")).isEqualTo(0x6440000AL);
        assertThat(Ipv4.toString(0xFFFFFFFFL)).isEqualTo("255.255.255.255");
        assertThat(Ipv4.toLong(new byte[] {(byte) 192, (byte) 168, 1, 2})).isEqualTo(Ipv4.toLong("192.168.1.2"));
    }

    @Test
    void anythingElseIsMinusOne() {
        for (String bad : new String[] {null, "", "1.2.3", "1.2.3.256", "1.2.3.-4", "a.b.c.d", "1..2.3", "::1"}) {
            assertThat(Ipv4.toLong(bad)).as(String.valueOf(bad)).isEqualTo(-1);
        }
        assertThat(Ipv4.toLong(new byte[16])).isEqualTo(-1);
    }

    @Test
    void masksOfPrefixLengths() {
        assertThat(Ipv4.mask(24)).isEqualTo(0xFFFFFF00L);
        assertThat(Ipv4.mask(0)).isZero();
        assertThat(Ipv4.mask(32)).isEqualTo(0xFFFFFFFFL);
    }
}
