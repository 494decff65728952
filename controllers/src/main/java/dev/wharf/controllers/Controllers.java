package dev.wharf.controllers;

import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Clock;
import dev.wharf.common.Ids;
import dev.wharf.common.Randoms;
import dev.wharf.controllers.nodelifecycle.NodeLifecycleController;
import dev.wharf.controllers.nodelifecycle.NodeLifecycleOptions;
import dev.wharf.controllers.scheduling.SchedulingController;
import dev.wharf.controllers.scheduling.SchedulingOptions;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.leader.LeaderElector;
import dev.wharf.controllers.deployment.DeploymentController;
import dev.wharf.controllers.endpoints.EndpointsController;
import dev.wharf.controllers.endpointslice.EndpointSliceController;
import dev.wharf.controllers.ingress.IngressStatusController;
import dev.wharf.controllers.servicelb.ServiceLoadBalancerController;
import dev.wharf.controllers.servicelb.ServiceNetworking;
import dev.wharf.controllers.gc.GarbageCollector;
import dev.wharf.controllers.namespace.NamespaceController;
import dev.wharf.controllers.replicaset.ReplicaSetController;
import java.util.random.RandomGenerator;

/** The composition of Wharf's controllers: what {@code wharf server} starts as its controller manager. */
public final class Controllers {
    private Controllers() {
    }

    /** Every controller, sharing informers, without leader election (a single server). */
    public static ControllerManager create(ApiClient api, Clock clock, RandomGenerator random) {
        ControllerManager manager = new ControllerManager(api, clock);
        ResourceTypes types = ResourceTypes.builtIn();
        new GarbageCollector(manager, types, 2);
        new NamespaceController(manager, types, 1);
        new ReplicaSetController(manager, 2);
        new DeploymentController(manager, 2);
        return manager;
    }

    /**
     * What a server runs: every controller plus the scheduling loop and the node lifecycle controller (kept out of
     * {@link #create} so controller tests can play the scheduler by hand).
     */
    public static ControllerManager manager(ApiClient api, Clock clock, RandomGenerator random,
            NodeLifecycleOptions nodeLifecycle) {
        return manager(api, clock, random, nodeLifecycle, ServiceNetworking.DEFAULTS);
    }

    /**
     * The same, with where LoadBalancer Services get their addresses and which address and ports Ingresses of
     * class "wharf" are given.
     */
    public static ControllerManager manager(ApiClient api, Clock clock, RandomGenerator random,
            NodeLifecycleOptions nodeLifecycle, ServiceNetworking networking) {
        ControllerManager manager = create(api, clock, random);
        new SchedulingController(manager, Randoms.seeded(random.nextLong()), SchedulingOptions.defaults());
        new NodeLifecycleController(manager, nodeLifecycle, 2);
        services(manager, Randoms.seeded(random.nextLong()), networking);
        return manager;
    }

    /** The Service controllers: Endpoints, EndpointSlices, LoadBalancer addresses and Ingress status. */
    public static ControllerManager services(ControllerManager manager, RandomGenerator random, ServiceNetworking networking) {
        new EndpointsController(manager, 2);
        new EndpointSliceController(manager, random, 2);
        new ServiceLoadBalancerController(manager, networking.loadBalancerPool());
        new IngressStatusController(manager, networking.gatewayAddress(), networking.gatewayPorts(), 1);
        return manager;
    }

    /** The same, run only while this server holds the "wharf-controller-manager" Lease in kube-system. */
    public static ControllerManager createWithLeaderElection(ApiClient api, Clock clock, RandomGenerator random,
            String identity) {
        String id = identity != null ? identity : "wharf-" + Ids.suffix(random, 5);
        return manager(api, clock, random, NodeLifecycleOptions.DEFAULTS)
                .withLeaderElection(LeaderElector.defaults(api, clock, "wharf-controller-manager", id));
    }
}
