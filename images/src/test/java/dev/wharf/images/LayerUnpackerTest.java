package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.images.oci.Digests;
import dev.wharf.images.unpack.LayerUnpacker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {
    @TempDir
    Path tmp;

    private LayerUnpacker.Result unpack(byte[] layer, Path target) throws IOException {
        return new LayerUnpacker().unpack(new ByteArrayInputStream(layer), target);
    }

    @Test
    void unpacksFilesModesSymlinksAndHardlinksFromGzip() throws IOException {
        byte[] tar = new TestTars().dir("bin").file("bin/tool", "#!/bin/sh\n", 04755).symlink("bin/sh", "/bin/tool")
                .file("etc/conf", "x").hardlink("etc/conf2", "etc/conf").symlink("abs", "/etc/../../outside").tar();
        Path out = tmp.resolve("l");
        LayerUnpacker.Result r = unpack(new TestTars().dir("bin").file("bin/tool", "#!/bin/sh\n", 04755)
                .symlink("bin/sh", "/bin/tool").file("etc/conf", "x").hardlink("etc/conf2", "etc/conf")
                .symlink("abs", "/etc/../../outside").tarGz(), out);

        assertThat(r.diffId()).isEqualTo(Digests.of(tar));
        assertThat((Integer) Files.getAttribute(out.resolve("bin/tool"), "unix:mode") & 07777).isEqualTo(04755);
        assertThat(Files.readSymbolicLink(out.resolve("bin/sh"))).hasToString("/bin/tool");
        assertThat(Files.isSameFile(out.resolve("etc/conf"), out.resolve("etc/conf2"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("abs"))).hasToString("/etc/../../outside");
        if (RealTools.isRoot()) {
            assertThat(Files.getAttribute(out.resolve("etc/conf"), "unix:uid")).isEqualTo(1234);
            assertThat(Files.getAttribute(out.resolve("etc/conf"), "unix:gid")).isEqualTo(5678);
        }
    }

    @Test
    void convertsWhiteoutsToOverlayFormat() throws IOException {
        Path out = tmp.resolve("l");
        LayerUnpacker.Result r = unpack(new TestTars().dir("etc").file("etc/.wh.passwd", "").dir("var/cache")
                .file("var/cache/.wh..wh..opq", "").file("var/cache/new", "n").tar(), out);

        assertThat(r.whiteouts()).isEqualTo(1);
        assertThat(r.opaqueDirs()).isEqualTo(1);
        assertThat(out.resolve("etc/.wh.passwd")).doesNotExist();
        assertThat(out.resolve("var/cache/.wh..wh..opq")).doesNotExist();
        assertThat(out.resolve("var/cache/new")).hasContent("n");
        assertThat(xattr(out.resolve("var/cache"), "overlay.opaque")).isEqualTo("y");
        Path whiteout = out.resolve("etc/passwd");
        if (RealTools.isRoot()) {
            int mode = (Integer) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            assertThat(mode & 0170000).as("character device").isEqualTo(0020000);
            assertThat(Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);
        } else {
            assertThat(xattr(whiteout, "overlay.whiteout")).isEqualTo("y");
        }
    }

    @Test
    void laterEntriesReplaceEarlierOnes() throws IOException {
        Path out = tmp.resolve("l");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.setAttribute(outside, "unix:mode", 0700);
        unpack(new TestTars().file("a", "1").file("a", "2").dir("d").file("d/x", "x").file("d/.wh..wh..opq", "")
                .symlink("d", outside.toString()).tar(), out);
        assertThat(out.resolve("a")).hasContent("2");
        assertThat(Files.isSymbolicLink(out.resolve("d"))).isTrue();
        assertThat((Integer) Files.getAttribute(outside, "unix:mode") & 07777).as("no chmod through the symlink").isEqualTo(0700);
        assertThat(Files.getFileAttributeView(outside, UserDefinedFileAttributeView.class).list()).isEmpty();
    }

    @Test
    void refusesDotDotTraversal() {
        assertThatThrownBy(() -> unpack(new TestTars().file("../escaped", "x").tar(), tmp.resolve("l")))
                .hasMessageContaining("path traversal");
        assertThatThrownBy(() -> unpack(new TestTars().file("a/../../escaped", "x").tar(), tmp.resolve("m")))
                .hasMessageContaining("path traversal");
        assertThat(tmp.resolve("escaped")).doesNotExist();
    }

    @Test
    void refusesWritingThroughASymlink() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        assertThatThrownBy(() -> unpack(new TestTars().symlink("etc", outside.toString()).file("etc/passwd", "pwned").tar(),
                tmp.resolve("l"))).hasMessageContaining("is a symlink");
        assertThatThrownBy(() -> unpack(new TestTars().symlink("up", "..").file("up/x", "pwned").tar(), tmp.resolve("m")))
                .hasMessageContaining("is a symlink");
        assertThat(outside.resolve("passwd")).doesNotExist();
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void refusesHardlinksOutOfTheLayer() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret"), "s");
        assertThatThrownBy(() -> unpack(new TestTars().hardlink("h", "../secret").tar(), tmp.resolve("l")))
                .hasMessageContaining("path traversal");
        assertThatThrownBy(() -> unpack(new TestTars().hardlink("h", secret.toString()).tar(), tmp.resolve("m")))
                .hasMessageContaining("not in this layer");
    }

    @Test
    void absoluteEntryNamesStayInside() throws IOException {
        Path out = tmp.resolve("l");
        unpack(new TestTars().file("/etc/hostname", "h").file("./etc/x", "x").tar(), out);
        assertThat(out.resolve("etc/hostname")).hasContent("h");
        assertThat(out.resolve("etc/x")).hasContent("x");
    }

    private static String xattr(Path p, String name) throws IOException {
        UserDefinedFileAttributeView v = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        ByteBuffer b = ByteBuffer.allocate(v.size(name));
        v.read(name, b);
        return new String(b.array(), StandardCharsets.UTF_8);
    }
}
