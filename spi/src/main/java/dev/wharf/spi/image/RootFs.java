package dev.wharf.spi.image;

import java.nio.file.Path;
import java.util.List;

/**
 * What a runtime needs to build a container root: unpacked layer directories, lowest first (overlayfs wants
 * them reversed in {@code lowerdir}, leftmost = top), and the image config.
 *
 * <p>Whiteouts inside the layer directories are already overlayfs whiteouts (character device 0/0); opaque
 * directories carry both {@code trusted.overlay.opaque=y} (when it could be set) and
 * {@code user.overlay.opaque=y}. Mount with {@link #overlayOptions()} to have both honoured.
 */
public record RootFs(Image image, List<Path> layers, ImageConfig config, boolean trustedXattrs) {
    public RootFs {
        layers = List.copyOf(layers);
    }

    /**
     * Extra overlay mount options: {@code userxattr} unless every opaque marker was also written as a trusted
     * xattr (then the default trusted namespace works and none are needed).
     */
    public String overlayOptions() {
        return trustedXattrs ? "" : "userxattr";
    }
}
