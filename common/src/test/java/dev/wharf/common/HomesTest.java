package dev.wharf.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomesTest {
    @Test
    void homeFollowsTheHomeVariableLikeShellsDo() {
        assertThat(Homes.userHome(Map.of("HOME", "/tmp/someone"))).isEqualTo(Path.of("/tmp/someone"));
    }

    @Test
    void withoutHomeItIsTheJvmsUserHome() {
        assertThat(Homes.userHome(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
        assertThat(Homes.userHome(Map.of("HOME", " "))).isEqualTo(Path.of(System.getProperty("user.home")));
    }
}
