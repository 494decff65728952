package dev.wharf.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.spi.runtime.ImageRootfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageUserTest {
    @TempDir
    Path layer;

    private ImageRootfs image(String user) throws IOException {
        Files.createDirectories(layer.resolve("etc"));
        Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1001:1002::/app:/bin/sh\n");
        Files.writeString(layer.resolve("etc/group"), "root:x:0:\nstaff:x:50:\n");
        return new ImageRootfs(List.of(layer), List.of(), List.of("sh"), List.of(), "/", user);
    }

    @Test
    void resolvesNamesAndNumbers() throws IOException {
        assertThat(ImageUser.resolve(image(""))).containsExactly(0, 0);
        assertThat(ImageUser.resolve(image("app"))).containsExactly(1001, 1002);
        assertThat(ImageUser.resolve(image("app:staff"))).containsExactly(1001, 50);
        assertThat(ImageUser.resolve(image("1001"))).containsExactly(1001, 1002);
        assertThat(ImageUser.resolve(image("7:8"))).containsExactly(7, 8);
        assertThatThrownBy(() -> ImageUser.resolve(image("ghost"))).hasMessageContaining("ghost");
    }
}
