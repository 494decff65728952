package dev.wharf.server;

import dev.wharf.common.Clock;
import dev.wharf.common.Component;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controllers.Controllers;
import dev.wharf.controllers.servicelb.ServiceNetworking;
import dev.wharf.controllers.nodelifecycle.NodeLifecycleOptions;
import dev.wharf.registry.RegistryConfig;
import dev.wharf.registry.RegistryServer;
import dev.wharf.registry.auth.RegistryAuth;
import dev.wharf.images.bootstrap.BootstrapImages;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.server.cmd.DevOptions;
import dev.wharf.server.gateway.HostGateway;
import dev.wharf.gateway.k8s.GatewaySettings;
import dev.wharf.server.cmd.ServerOptions;
import dev.wharf.server.node.LocalNodes;
import dev.wharf.server.node.NodeCredentialsImageStore;
import dev.wharf.spi.image.RegistryCredentials;
import dev.wharf.registry.auth.Grant;
import java.util.List;
import java.util.Map;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.server.pki.ClusterIdentity;
import java.nio.file.Path;

/** Builds the components that the composition root starts; one method per component. */
final class Wiring {
    /** The registry user nodes pull as. */
    static final String NODE_USER = "wharf-node";

    private Wiring() {
    }

    /** The controllers; Ingress statuses name the gateway's Ingress ports of `wharf dev` (none for `wharf server`). */
    static Component controllers(ApiClient client, Clock clock, DevOptions dev) {
        List<Integer> ports = new java.util.ArrayList<>();
        if (dev != null && dev.gatewayPort() > 0) {
            ports.add(dev.gatewayPort());
        }
        if (dev != null && dev.gatewayTlsPort() > 0) {
            ports.add(dev.gatewayTlsPort());
        }
        return Controllers.manager(client, clock, Randoms.secure(),
                dev != null ? NodeLifecycleOptions.DEV : NodeLifecycleOptions.DEFAULTS,
                ServiceNetworking.DEFAULTS.withGateway("127.0.0.1", ports));
    }

    /**
     * The node agents of `wharf dev`, sharing the image store DATA/images; the bootstrap images are made there at
     * first start (busybox now, the Java runtimes in the background), so manifests run with no internet.
     */
    static LocalNodes localNodes(java.util.function.Supplier<ApiClient> api, Path dataDir, DevOptions dev, Clock clock,
            ServerOptions o, ClusterIdentity identity) throws Exception {
        NodeImageStore images = new NodeImageStore(dataDir.resolve("images"), new RegistryClient(RegistryOptions.defaults()));
        BootstrapImages bootstrap = new BootstrapImages(dataDir.resolve("images"), images, BootstrapImages.Options.defaults());
        if (images.get(ImageRef.parse(BootstrapImages.BUSYBOX)).isEmpty()) {
            System.err.println("wharf: making the bootstrap image busybox:latest");
            bootstrap.busybox();
        }
        if (images.get(ImageRef.parse(BootstrapImages.JRE)).isEmpty()) {
            Thread.ofVirtual().name("bootstrap-images").start(() -> {
                try {
                    bootstrap.jdk(); // first: image builds compile on it before they copy onto the JRE
                    bootstrap.jre();
                } catch (Exception e) {
                    System.err.println("wharf: cannot make the Java bootstrap images: " + e.getMessage());
                }
            });
        }
        List<RegistryCredentials> nodeCredentials = o.registryPort() == 0 ? List.of() : List.of(
                new RegistryCredentials("127.0.0.1:" + o.registryPort(), NODE_USER, identity.nodeToken()),
                new RegistryCredentials("localhost:" + o.registryPort(), NODE_USER, identity.nodeToken()));
        return new LocalNodes(api, dataDir, new NodeCredentialsImageStore(images, nodeCredentials), dev.runtime(),
                dev.nodes(), dev.zones(), clock);
    }

    /**
     * The gateway and cluster DNS of this host (`wharf dev`): Ingress on 127.0.0.1:--gateway-port, cluster IPs
     * on the interface wharf-svc when running as root.
     */
    static HostGateway hostGateway(java.util.function.Supplier<ApiClient> api, DevOptions dev, Clock clock) {
        GatewaySettings settings = GatewaySettings.dev(dev.gatewayPort(), dev.gatewayTlsPort(), HostGateway.canServeClusterIps());
        return new HostGateway(api, settings, HostGateway.CLUSTER_DNS_IP, "cluster.local", clock, "");
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
                .withAuth(RegistryAuth.admin(identity.adminToken()).or(RegistryAuth.users(Map.of(NODE_USER,
                        new RegistryAuth.Account(identity.nodeToken(), List.of(Grant.pull("*")))))), false);
        return new RegistryServer(config);
    }
}
