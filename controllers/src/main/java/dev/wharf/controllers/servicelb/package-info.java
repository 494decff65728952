/**
 * LoadBalancer Services: addresses from a pool (127.0.100.0/24 by default so that {@code wharf dev} stays on
 * loopback) written to {@code status.loadBalancer}; the node gateways serve them. {@link
 * dev.wharf.controllers.servicelb.ServiceNetworking} carries the pool and the gateway's Ingress address.
 */
package dev.wharf.controllers.servicelb;
