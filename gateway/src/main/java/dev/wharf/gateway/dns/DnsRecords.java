package dev.wharf.gateway.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable snapshot of the cluster zone, built from Services and EndpointSlices the way CoreDNS's kubernetes
 * plugin answers:
 * <ul>
 * <li>{@code svc.ns.svc.<domain>} A/AAAA: the cluster IPs; for a headless service the (ready, or all with
 * {@code publishNotReadyAddresses}) endpoint addresses; CNAME for an ExternalName service.</li>
 * <li>{@code _port._proto.svc.ns.svc.<domain>} SRV for named ports, target the service, or for a headless service
 * one per endpoint with target {@code host.svc.ns.svc.<domain>} (host: the endpoint's hostname, else its address
 * with dashes), which has the endpoint's A record.</li>
 * <li>{@code a-b-c-d.ns.pod.<domain>} A a.b.c.d (CoreDNS "pods insecure"); PTR for cluster IPs and headless
 * endpoints.</li>
 * </ul>
 * Names compare case-insensitively. A name in the zone with no records of any type but existing below
 * (an "empty non-terminal" such as {@code ns.svc.<domain>}) or an existing name asked for another type answers
 * NODATA; anything else in the zone is NXDOMAIN, with one courtesy to stub resolvers that send every
 * search-list candidate at once and fail if any is NXDOMAIN (busybox's nslookup, as in pods' resolv.conf with
 * {@code search ns.svc.<domain> svc.<domain> <domain>}): {@code name.svc.<domain>} and {@code name.<domain>}
 * answer NODATA when {@code name} is the name of a service in some namespace. Names of no service stay NXDOMAIN.
 */
public final class DnsRecords {
    /** How a question is answered. */
    public enum Status { NOERROR, NXDOMAIN, NOT_AUTHORITATIVE }

    /** The answer to one question: status, answer section, additional section (addresses of SRV targets). */
    public record Answer(Status status, List<Rr> answers, List<Rr> additionals) {
        static final Answer FORWARD = new Answer(Status.NOT_AUTHORITATIVE, List.of(), List.of());
        static final Answer NXDOMAIN = new Answer(Status.NXDOMAIN, List.of(), List.of());
        static final Answer NODATA = new Answer(Status.NOERROR, List.of(), List.of());
    }

    private static final String SERVICE_NAME_LABEL = dev.wharf.api.resource.WellKnownLabels.SERVICE_NAME;
    private static final int MAX_CNAME_CHAIN = 8;

    private final String domain;
    private final Pattern podName;
    private final Map<String, List<Rr>> byName;
    private final Set<String> existing;
    private final Set<String> serviceNames;

    private DnsRecords(String domain, Map<String, List<Rr>> byName, Set<String> existing, Set<String> serviceNames) {
        this.domain = domain;
        this.serviceNames = serviceNames;
        this.byName = byName;
        this.existing = existing;
        this.podName = Pattern.compile("(\\d{1,3})-(\\d{1,3})-(\\d{1,3})-(\\d{1,3})\\.[a-z0-9-]+\\.pod\\."
                + Pattern.quote(domain));
    }

    /** An empty zone (only the apex exists). */
    public static DnsRecords empty(String clusterDomain) {
        return build(clusterDomain, List.of(), List.of());
    }

    /** Builds the zone; services or slices with missing fields are skipped, never fail the build. */
    public static DnsRecords build(String clusterDomain, Collection<Service> services,
                                   Collection<EndpointSlice> slices) {
        String domain = normalize(clusterDomain);
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("cluster domain is required");
        }
        Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
        for (EndpointSlice s : slices) {
            if (s.getMetadata() == null || s.getMetadata().getLabels() == null) {
                continue;
            }
            String svc = s.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
            if (svc != null) {
                slicesByService.computeIfAbsent(s.getMetadata().getNamespace() + "/" + svc, k -> new ArrayList<>())
                        .add(s);
            }
        }
        Map<String, LinkedHashSet<Rr>> records = new LinkedHashMap<>();
        Set<String> existing = new HashSet<>();
        Set<String> serviceNames = new HashSet<>();
        existing.add(domain);
        for (Service svc : services) {
            if (svc.getMetadata() == null || svc.getMetadata().getName() == null || svc.getSpec() == null) {
                continue;
            }
            String ns = svc.getMetadata().getNamespace() == null ? "default" : svc.getMetadata().getNamespace();
            String base = normalize(svc.getMetadata().getName() + "." + ns + ".svc." + domain);
            addExisting(existing, base, domain);
            serviceNames.add(normalize(svc.getMetadata().getName()));
            ServiceSpec spec = svc.getSpec();
            if ("ExternalName".equals(spec.getType())) {
                if (spec.getExternalName() != null && !spec.getExternalName().isBlank()) {
                    add(records, new Rr(base, new Rr.Cname(normalize(spec.getExternalName()))));
                }
            } else if ("None".equals(spec.getClusterIP())) {
                addHeadless(records, existing, domain, base, spec,
                        slicesByService.getOrDefault(ns + "/" + svc.getMetadata().getName(), List.of()));
            } else {
                addClusterIps(records, base, spec);
            }
        }
        Map<String, List<Rr>> byName = new HashMap<>();
        records.forEach((name, rrs) -> {
            byName.put(name, List.copyOf(rrs));
            if (name.endsWith("." + domain)) {
                addExisting(existing, name, domain);
            }
        });
        return new DnsRecords(domain, Map.copyOf(byName), Set.copyOf(existing), Set.copyOf(serviceNames));
    }

    private static void addClusterIps(Map<String, LinkedHashSet<Rr>> records, String base, ServiceSpec spec) {
        List<String> ips = spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()
                ? spec.getClusterIPs() : spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP());
        for (String ip : ips) {
            InetAddress address = parseIp(ip);
            if (address != null) {
                add(records, new Rr(base, new Rr.Address(address)));
                add(records, new Rr(reverseName(address), new Rr.Ptr(base)));
            }
        }
        if (spec.getPorts() != null) {
            for (ServicePort p : spec.getPorts()) {
                if (p.getName() != null && !p.getName().isEmpty() && p.getPort() != null) {
                    add(records, new Rr(srvName(p.getName(), p.getProtocol(), base),
                            new Rr.Srv(0, 100, p.getPort(), base)));
                }
            }
        }
    }

    private static void addHeadless(Map<String, LinkedHashSet<Rr>> records, Set<String> existing, String domain,
                                    String base, ServiceSpec spec, List<EndpointSlice> slices) {
        boolean all = Boolean.TRUE.equals(spec.getPublishNotReadyAddresses());
        for (EndpointSlice slice : slices) {
            if (slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint ep : slice.getEndpoints()) {
                boolean ready = ep.getConditions() == null || !Boolean.FALSE.equals(ep.getConditions().getReady());
                if (!(ready || all) || ep.getAddresses() == null) {
                    continue;
                }
                for (String ip : ep.getAddresses()) {
                    InetAddress address = parseIp(ip);
                    if (address == null) {
                        continue;
                    }
                    String host = ep.getHostname() != null && !ep.getHostname().isBlank()
                            ? normalize(ep.getHostname()) : address.getHostAddress().replace('.', '-').replace(':', '-');
                    String hostName = host + "." + base;
                    add(records, new Rr(base, new Rr.Address(address)));
                    add(records, new Rr(hostName, new Rr.Address(address)));
                    add(records, new Rr(reverseName(address), new Rr.Ptr(hostName)));
                    if (slice.getPorts() == null) {
                        continue;
                    }
                    for (EndpointPort p : slice.getPorts()) {
                        if (p.getName() != null && !p.getName().isEmpty() && p.getPort() != null) {
                            add(records, new Rr(srvName(p.getName(), p.getProtocol(), base),
                                    new Rr.Srv(0, 100, p.getPort(), hostName)));
                        }
                    }
                }
            }
        }
        addExisting(existing, base, domain);
    }

    /** True when this zone answers {@code name} (the cluster domain, or a reverse name of a known address). */
    public boolean authoritative(String name) {
        String n = normalize(name);
        return inZone(n) || byName.containsKey(n);
    }

    /** The cluster domain, lower case, without trailing dot. */
    public String domain() {
        return domain;
    }

    /** Answers one question. */
    public Answer lookup(String name, DnsRecordType type) {
        return lookup(normalize(name), type, 0);
    }

    private Answer lookup(String n, DnsRecordType type, int depth) {
        if (!inZone(n) && !byName.containsKey(n)) {
            return Answer.FORWARD;
        }
        Matcher pod = podName.matcher(n);
        if (pod.matches()) {
            return podAnswer(n, pod, type);
        }
        List<Rr> rrs = byName.get(n);
        if (rrs == null) {
            return existing.contains(n) || isSearchCandidateOfAService(n) ? Answer.NODATA : Answer.NXDOMAIN;
        }
        if (rrs.getFirst().data() instanceof Rr.Cname cname && type != DnsRecordType.CNAME) {
            List<Rr> answers = new ArrayList<>(List.of(rrs.getFirst()));
            if (depth < MAX_CNAME_CHAIN && inZone(cname.target())) {
                answers.addAll(lookup(cname.target(), type, depth + 1).answers());
            }
            return new Answer(Status.NOERROR, List.copyOf(answers), List.of());
        }
        List<Rr> answers = rrs.stream().filter(rr -> matches(rr, type)).toList();
        List<Rr> additionals = new ArrayList<>();
        for (Rr rr : answers) {
            if (rr.data() instanceof Rr.Srv srv) {
                byName.getOrDefault(srv.target(), List.of()).stream()
                        .filter(a -> a.data() instanceof Rr.Address).forEach(additionals::add);
            }
        }
        return new Answer(Status.NOERROR, answers, List.copyOf(additionals));
    }

    /** {@code name.svc.<domain>} or {@code name.<domain>} where some namespace has a service {@code name}. */
    private boolean isSearchCandidateOfAService(String n) {
        String rest;
        if (n.endsWith(".svc." + domain)) {
            rest = n.substring(0, n.length() - domain.length() - 5);
        } else {
            rest = n.substring(0, Math.max(0, n.length() - domain.length() - 1));
        }
        return !rest.isEmpty() && rest.indexOf('.') < 0 && serviceNames.contains(rest);
    }

    private static Answer podAnswer(String n, Matcher pod, DnsRecordType type) {
        byte[] ip = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(pod.group(i + 1));
            if (octet > 255) {
                return Answer.NXDOMAIN;
            }
            ip[i] = (byte) octet;
        }
        if (type != DnsRecordType.A && type != DnsRecordType.ANY) {
            return Answer.NODATA;
        }
        try {
            return new Answer(Status.NOERROR, List.of(new Rr(n, new Rr.Address(InetAddress.getByAddress(ip)))),
                    List.of());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(Rr rr, DnsRecordType type) {
        return switch (rr.data()) {
            case Rr.Address a -> type == DnsRecordType.ANY || type == (a.v4() ? DnsRecordType.A : DnsRecordType.AAAA);
            case Rr.Cname c -> type == DnsRecordType.ANY || type == DnsRecordType.CNAME;
            case Rr.Srv s -> type == DnsRecordType.ANY || type == DnsRecordType.SRV;
            case Rr.Ptr p -> type == DnsRecordType.ANY || type == DnsRecordType.PTR;
        };
    }

    private boolean inZone(String n) {
        return n.equals(domain) || n.endsWith("." + domain);
    }

    /** Lower case without a trailing dot. */
    static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static String srvName(String port, String protocol, String base) {
        String proto = protocol == null || protocol.isEmpty() ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        return "_" + port.toLowerCase(Locale.ROOT) + "._" + proto + "." + base;
    }

    private static void add(Map<String, LinkedHashSet<Rr>> records, Rr rr) {
        records.computeIfAbsent(rr.name(), k -> new LinkedHashSet<>()).add(rr);
    }

    /** Marks {@code name} and its ancestors down to the domain as existing (empty non-terminals answer NODATA). */
    private static void addExisting(Set<String> existing, String name, String domain) {
        for (String n = name; n.length() > domain.length() && n.endsWith("." + domain);
             n = n.substring(n.indexOf('.') + 1)) {
            existing.add(n);
        }
    }

    /** {@code d.c.b.a.in-addr.arpa} or the nibble form under {@code ip6.arpa}. */
    static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (b.length == 4) {
            for (int i = 3; i >= 0; i--) {
                sb.append(b[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = b.length - 1; i >= 0; i--) {
            sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.')
                    .append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }

    /** Parses a literal IP address without any DNS lookup; null when it is not one. */
    static InetAddress parseIp(String ip) {
        byte[] bytes = ip == null ? null : NetUtil.createByteArrayFromIpAddressString(ip.trim());
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
