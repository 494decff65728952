package dev.wharf.controllers.servicelb;

import java.util.List;

/**
 * Where the control plane says Services and Ingresses are reachable.
 *
 * @param loadBalancerPool IPv4 range LoadBalancer Services get addresses from (default 127.0.100.0/24, so that
 *                         {@code wharf dev} traffic stays on loopback)
 * @param gatewayAddress   the address written into the status of Ingresses of class {@code wharf}
 * @param gatewayPorts     the ports the gateway serves Ingress traffic on (listed in the Ingress status)
 */
public record ServiceNetworking(String loadBalancerPool, String gatewayAddress, List<Integer> gatewayPorts) {
    public static final ServiceNetworking DEFAULTS = new ServiceNetworking(AddressPool.DEFAULT, "127.0.0.1", List.of(8080));

    public ServiceNetworking {
        AddressPool.parse(loadBalancerPool);
        gatewayPorts = List.copyOf(gatewayPorts);
    }

    public ServiceNetworking withGateway(String address, List<Integer> ports) {
        return new ServiceNetworking(loadBalancerPool, address, ports);
    }

    public ServiceNetworking withPool(String cidr) {
        return new ServiceNetworking(cidr, gatewayAddress, gatewayPorts);
    }
}
