package dev.wharf.server.node;

import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.ImageStore;
import dev.wharf.spi.image.PullListener;
import dev.wharf.spi.image.PullPolicy;
import dev.wharf.spi.image.RegistryCredentials;
import dev.wharf.spi.image.RootFs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes' own credentials for the cluster's registry, added to every pull after the pod's imagePullSecrets:
 * pods reference `127.0.0.1:5000/team/app:1` with no secret, as on a managed Kubernetes with its own registry.
 */
public final class NodeCredentialsImageStore implements ImageStore {
    private final ImageStore delegate;
    private final List<RegistryCredentials> nodeCredentials;

    public NodeCredentialsImageStore(ImageStore delegate, List<RegistryCredentials> nodeCredentials) {
        this.delegate = delegate;
        this.nodeCredentials = List.copyOf(nodeCredentials);
    }

    @Override
    public Image pull(ImageRef ref, PullPolicy policy, List<RegistryCredentials> credentials, PullListener listener) {
        List<RegistryCredentials> all = new ArrayList<>(credentials);
        all.addAll(nodeCredentials);
        return delegate.pull(ref, policy, all, listener);
    }

    @Override
    public Optional<Image> get(ImageRef ref) {
        return delegate.get(ref);
    }

    @Override
    public List<Image> list() {
        return delegate.list();
    }

    @Override
    public boolean remove(ImageRef ref) {
        return delegate.remove(ref);
    }

    @Override
    public RootFs rootfs(ImageRef ref) {
        return delegate.rootfs(ref);
    }

    @Override
    public List<Image> importArchive(Path file) {
        return delegate.importArchive(file);
    }

    @Override
    public GcResult gc(Set<String> inUse) {
        return delegate.gc(inUse);
    }
}
