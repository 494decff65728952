/**
 * Pods' DNS configuration: {@link dev.wharf.agent.dns.PodResolvConf} renders /etc/resolv.conf from the pod's
 * {@code dnsPolicy} and {@code dnsConfig} like kubelet, pointing ClusterFirst pods at the node's cluster DNS server
 * (see {@code dev.wharf.gateway.dns}). Off unless {@code AgentConfig.clusterDns} names servers.
 */
package dev.wharf.agent.dns;
