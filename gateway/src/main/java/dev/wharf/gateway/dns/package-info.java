/**
 * Cluster DNS: every node runs one {@link dev.wharf.gateway.dns.ClusterDnsServer} on the cluster DNS address
 * (kubelet's {@code --cluster-dns}), so pods resolve Services by name the way CoreDNS's kubernetes plugin answers.
 *
 * <pre>
 *  pod resolv.conf ──► ClusterDnsServer (UDP + TCP, one Netty event loop)
 *                          │  QueryHandler: question in the cluster zone (or a known reverse name)?
 *                          ├─ yes ─► DnsRecords.lookup (immutable snapshot, rebuilt by the caller from
 *                          │         Services + EndpointSlices and handed over by a Supplier)
 *                          │         ExternalName to a name outside the zone: CNAME + the target resolved upstream
 *                          └─ no ──► UpstreamForwarder: re-encoded with a fresh random id over one UDP socket to the
 *                                    host's resolvers, answer relayed verbatim; silence for 2 s: SERVFAIL
 * </pre>
 * Glossary: NXDOMAIN, the name does not exist; NODATA, the name exists but has no record of the asked type
 * (NOERROR, empty answer, the zone's SOA in authority so that resolvers cache the negative answer for 5 s);
 * empty non-terminal, a name with nothing but names below it ({@code ns.svc.cluster.local}): NODATA.
 * {@link dev.wharf.gateway.dns.Rr} keeps the records free of the wire codec; {@code DnsWire} converts.
 */
package dev.wharf.gateway.dns;
