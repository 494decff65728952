package dev.wharf.agent.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pod's /etc/resolv.conf, following kubelet (pkg/kubelet/network/dns):
 * <ul>
 * <li>{@code ClusterFirst} (the default): the cluster DNS servers, {@code search <ns>.svc.<domain> svc.<domain>
 * <domain>} then the host's search domains, {@code options ndots:5}; a hostNetwork pod acts as {@code Default};
 * without cluster DNS servers it falls back to {@code Default} too.</li>
 * <li>{@code ClusterFirstWithHostNet}: like ClusterFirst, hostNetwork or not.</li>
 * <li>{@code Default}: the host's nameservers, search domains and options.</li>
 * <li>{@code None}: only {@code spec.dnsConfig}.</li>
 * </ul>
 * Then {@code spec.dnsConfig} is merged: nameservers and searches appended without duplicates, options override
 * by name. At most 3 nameservers and 32 search domains are written (the resolver's limits).
 */
public final class PodResolvConf {
    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCHES = 32;

    private PodResolvConf() {
    }

    /** The parsed pieces of a resolv.conf. */
    public record Config(List<String> nameservers, List<String> searches, List<String> options) {
        public Config {
            nameservers = List.copyOf(nameservers);
            searches = List.copyOf(searches);
            options = List.copyOf(options);
        }

        /** Parses {@code nameserver}, {@code search}/{@code domain} (the last one wins) and {@code options}. */
        public static Config parse(String resolvConf) {
            List<String> servers = new ArrayList<>();
            List<String> searches = new ArrayList<>();
            List<String> options = new ArrayList<>();
            for (String line : (resolvConf == null ? "" : resolvConf).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                    continue;
                }
                String[] f = l.split("\\s+");
                switch (f[0]) {
                    case "nameserver" -> {
                        if (f.length > 1) {
                            servers.add(f[1]);
                        }
                    }
                    case "search", "domain" -> {
                        searches.clear();
                        searches.addAll(List.of(f).subList(1, f.length));
                    }
                    case "options" -> options.addAll(List.of(f).subList(1, f.length));
                    default -> {
                    }
                }
            }
            return new Config(servers, searches, options);
        }

        /** The file's text: nameserver lines, then search, then options. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            nameservers.stream().limit(MAX_NAMESERVERS).forEach(s -> sb.append("nameserver ").append(s).append('\n'));
            if (!searches.isEmpty()) {
                sb.append("search ").append(String.join(" ", searches.stream().limit(MAX_SEARCHES).toList()))
                        .append('\n');
            }
            if (!options.isEmpty()) {
                sb.append("options ").append(String.join(" ", options)).append('\n');
            }
            return sb.toString();
        }
    }

    /** The host's /etc/resolv.conf, or "" when it cannot be read. */
    public static String hostResolvConf() {
        try {
            Path p = Path.of("/etc/resolv.conf");
            return Files.isReadable(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The resolv.conf text for {@code pod}. */
    public static String render(Pod pod, List<String> clusterDns, String clusterDomain, String hostResolvConf) {
        return config(pod, clusterDns, clusterDomain, hostResolvConf).render();
    }

    /** The resolv.conf pieces for {@code pod} (see the class comment). */
    public static Config config(Pod pod, List<String> clusterDns, String clusterDomain, String hostResolvConf) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        String policy = spec.getDnsPolicy() == null || spec.getDnsPolicy().isEmpty() ? "ClusterFirst"
                : spec.getDnsPolicy();
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        boolean cluster = switch (policy) {
            case "ClusterFirstWithHostNet" -> true;
            case "ClusterFirst" -> !hostNetwork;
            default -> false;
        };
        Config base;
        if ("None".equals(policy)) {
            base = new Config(List.of(), List.of(), List.of());
        } else {
            Config host = Config.parse(hostResolvConf);
            if (cluster && clusterDns != null && !clusterDns.isEmpty()) {
                String domain = trimDots(clusterDomain == null || clusterDomain.isBlank() ? "cluster.local"
                        : clusterDomain.toLowerCase(Locale.ROOT));
                String ns = pod.getMetadata() == null || pod.getMetadata().getNamespace() == null ? "default"
                        : pod.getMetadata().getNamespace();
                List<String> searches = new ArrayList<>(List.of(ns + ".svc." + domain, "svc." + domain, domain));
                searches.addAll(host.searches());
                base = new Config(clusterDns, distinct(searches), List.of("ndots:5"));
            } else {
                base = host;
            }
        }
        return merge(base, spec.getDnsConfig());
    }

    private static Config merge(Config base, PodDNSConfig extra) {
        if (extra == null) {
            return base;
        }
        List<String> servers = new ArrayList<>(base.nameservers());
        if (extra.getNameservers() != null) {
            servers.addAll(extra.getNameservers());
        }
        List<String> searches = new ArrayList<>(base.searches());
        if (extra.getSearches() != null) {
            searches.addAll(extra.getSearches());
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : base.options()) {
            int colon = o.indexOf(':');
            options.put(colon < 0 ? o : o.substring(0, colon), o);
        }
        if (extra.getOptions() != null) {
            for (PodDNSConfigOption o : extra.getOptions()) {
                if (o.getName() == null || o.getName().isBlank()) {
                    continue;
                }
                options.put(o.getName(), o.getValue() == null || o.getValue().isEmpty()
                        ? o.getName() : o.getName() + ":" + o.getValue());
            }
        }
        return new Config(distinct(servers), distinct(searches), List.copyOf(options.values()));
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values.stream().map(PodResolvConf::trimDots)
                .filter(v -> !v.isEmpty()).toList()));
    }

    private static String trimDots(String s) {
        String t = s.strip();
        return t.endsWith(".") && t.length() > 1 ? t.substring(0, t.length() - 1) : t;
    }
}
