package dev.wharf.server;

import dev.wharf.common.Clock;
import dev.wharf.common.Component;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controllers.Controllers;
import dev.wharf.controllers.nodelifecycle.NodeLifecycleOptions;
import dev.wharf.registry.RegistryConfig;
import dev.wharf.registry.RegistryServer;
import dev.wharf.registry.auth.RegistryAuth;
import dev.wharf.server.cmd.ServerOptions;
import dev.wharf.server.pki.ClusterIdentity;
import java.nio.file.Path;

/** Builds the components that the composition root starts; one method per component. */
final class Wiring {
    private Wiring() {
    }

    static Component controllers(ApiClient client, Clock clock, boolean dev) {
        return Controllers.manager(client, clock, Randoms.secure(), dev ? NodeLifecycleOptions.DEV : NodeLifecycleOptions.DEFAULTS);
    }

    /** The OCI registry on --registry-port (null when 0): `admin` with the admin token may do everything. */
    static Component registry(ServerOptions o, Path dataDir, ClusterIdentity identity, Clock clock) throws Exception {
        if (o.registryPort() == 0) {
            return null;
        }
        ClusterIdentity.ServingFiles serving = identity.issueServing(o.bind());
        RegistryConfig config = RegistryConfig.defaults(dataDir.resolve("registry"))
                .withBindHost(o.bind())
                .withPort(o.registryPort())
                .withClock(clock)
                .withTls(RegistryConfig.tlsFromPem(serving.certificateChain(), serving.privateKey()))
                .withAuth(RegistryAuth.admin(identity.adminToken()), false);
        return new RegistryServer(config);
    }
}
