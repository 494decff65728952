package dev.wharf.spi.image;

import java.util.List;
import java.util.Optional;

/**
 * A user name and password (or token) for one registry, as found in an imagePullSecret's
 * {@code .dockerconfigjson} "auths" entry.
 *
 * @param registry host[:port] the credentials apply to ("docker.io" also matches Docker Hub's aliases)
 */
public record RegistryCredentials(String registry, String username, String password) {
    @Override
    public String toString() {
        return "RegistryCredentials[" + registry + ", " + username + ", ****]";
    }

    /** The first credentials whose registry matches {@code host}. */
    public static Optional<RegistryCredentials> forRegistry(List<RegistryCredentials> all, String host) {
        if (all == null) {
            return Optional.empty();
        }
        for (RegistryCredentials c : all) {
            String r = c.registry().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            if (r.equals(host) || (ImageRef.DOCKER_HUB.equals(host)
                    && (r.equals("index.docker.io") || r.equals("registry-1.docker.io")))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
