package dev.wharf.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** printService, printEndpoints, printEndpointSlice, printIngress and printIngressClass. */
final class NetworkPrinters {
    private NetworkPrinters() {
    }

    static Printer services() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.text("Type", "The type of the service."),
                Column.text("Cluster-IP", "The cluster IP of the service."),
                Column.text("External-IP", "The external IP of the service."),
                Column.text("Port(s)", "The port(s) of the service."),
                Column.ageColumn(),
                Column.wide("Selector", "Route service traffic to pods with label keys and values matching this selector.")),
                (svc, now) -> {
                    JsonNode spec = svc.path("spec");
                    return List.of(Printer.name(svc), spec.path("type").asText(""),
                            Printer.orNone(spec.path("clusterIP").asText("")), externalIp(svc), ports(spec.path("ports")),
                            Printer.age(svc, now), Printer.formatLabels(spec.path("selector")));
                });
    }

    private static String externalIp(JsonNode svc) {
        JsonNode spec = svc.path("spec");
        List<String> external = new ArrayList<>();
        spec.path("externalIPs").forEach(ip -> external.add(ip.asText()));
        switch (spec.path("type").asText("")) {
            case "ClusterIP", "NodePort" -> {
                return external.isEmpty() ? "<none>" : String.join(",", external);
            }
            case "LoadBalancer" -> {
                List<String> all = new ArrayList<>(loadBalancer(svc.path("status").path("loadBalancer")));
                all.addAll(external);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> {
                return spec.path("externalName").asText("");
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    private static List<String> loadBalancer(JsonNode lb) {
        List<String> out = new ArrayList<>();
        for (JsonNode ingress : lb.path("ingress")) {
            if (!ingress.path("ip").asText("").isEmpty()) {
                out.add(ingress.path("ip").asText());
            } else if (!ingress.path("hostname").asText("").isEmpty()) {
                out.add(ingress.path("hostname").asText());
            }
        }
        return out;
    }

    private static String ports(JsonNode ports) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode p : ports) {
            long nodePort = p.path("nodePort").asLong(0);
            String protocol = p.path("protocol").asText("TCP");
            pieces.add(nodePort > 0 ? p.path("port").asLong() + ":" + nodePort + "/" + protocol : p.path("port").asLong() + "/" + protocol);
        }
        return pieces.isEmpty() ? "<none>" : String.join(",", pieces);
    }

    static Printer endpoints() {
        return new SimplePrinter(List.of(Column.nameColumn(), Column.text("Endpoints", "Endpoints of the resource."), Column.ageColumn()),
                (ep, now) -> List.of(Printer.name(ep), formatEndpoints(ep.path("subsets")), Printer.age(ep, now)));
    }

    private static String formatEndpoints(JsonNode subsets) {
        if (subsets.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        int max = 3;
        boolean more = false;
        int count = 0;
        for (JsonNode ss : subsets) {
            JsonNode addresses = ss.path("addresses");
            if (ss.path("ports").isEmpty()) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() == max) {
                        more = true;
                        break;
                    }
                    list.add(a.path("ip").asText());
                }
                continue;
            }
            for (JsonNode port : ss.path("ports")) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() == max) {
                        more = true;
                        break;
                    }
                    String ip = a.path("ip").asText();
                    list.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port.path("port").asLong());
                }
            }
        }
        String ret = String.join(",", list);
        return more ? ret + " + " + (count - max) + " more..." : ret;
    }

    static Printer ingresses() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.text("Class", "The name of the IngressClass resource that should be used for ingress."),
                Column.text("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
                Column.text("Address", "Address is a list containing ingress points for the load-balancer"),
                Column.text("Ports", "Ports of TLS configurations that open"),
                Column.ageColumn()), (ing, now) -> {
                    JsonNode spec = ing.path("spec");
                    String address = String.join(",", loadBalancer(ing.path("status").path("loadBalancer")));
                    return List.of(Printer.name(ing), Printer.orNone(spec.path("ingressClassName").asText("")),
                            hosts(spec.path("rules")), address, spec.path("tls").isEmpty() ? "80" : "80, 443", Printer.age(ing, now));
                });
    }

    private static String hosts(JsonNode rules) {
        List<String> list = new ArrayList<>();
        int max = 3;
        boolean more = false;
        for (JsonNode rule : rules) {
            if (list.size() == max) {
                more = true;
            }
            if (!more && !rule.path("host").asText("").isEmpty()) {
                list.add(rule.path("host").asText());
            }
        }
        if (list.isEmpty()) {
            return "*";
        }
        String ret = String.join(",", list);
        return more ? ret + " + " + (rules.size() - max) + " more..." : ret;
    }

    static Printer endpointSlices() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.text("AddressType", "addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name. (Deprecated) The EndpointSlice controller only generates, and kube-proxy only processes, slices of addressType \"IPv4\" and \"IPv6\". No semantics are defined for the \"FQDN\" type."),
                Column.text("Ports", "ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. Each slice may include a maximum of 100 ports. Services always have at least 1 port, so EndpointSlices generated by the EndpointSlice controller will likewise always have at least 1 port. EndpointSlices used for other purposes may have an empty ports list."),
                Column.text("Endpoints", "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints."),
                Column.ageColumn()), (slice, now) -> List.of(Printer.name(slice), slice.path("addressType").asText(""),
                        slicePorts(slice.path("ports")), sliceEndpoints(slice.path("endpoints")), Printer.age(slice, now)));
    }

    private static String slicePorts(JsonNode ports) {
        List<String> list = new ArrayList<>();
        int count = 0;
        for (JsonNode port : ports) {
            if (list.size() < 3) {
                if (port.path("port").isNumber()) {
                    list.add(String.valueOf(port.path("port").asLong()));
                } else if (port.path("name").isTextual()) {
                    list.add(port.path("name").asText());
                } else {
                    list.add("*");
                }
            }
            count++;
        }
        return withMore(list, count);
    }

    private static String sliceEndpoints(JsonNode endpoints) {
        List<String> list = new ArrayList<>();
        int count = 0;
        for (JsonNode endpoint : endpoints) {
            for (JsonNode address : endpoint.path("addresses")) {
                if (list.size() < 3) {
                    list.add(address.asText());
                }
                count++;
            }
        }
        return withMore(list, count);
    }

    /** listWithMoreString: at most three, then "+ N more...", or "<unset>" when empty. */
    private static String withMore(List<String> list, int count) {
        String ret = String.join(",", list);
        if (count > list.size()) {
            return ret + " + " + (count - list.size()) + " more...";
        }
        return ret.isEmpty() ? "<unset>" : ret;
    }

    static Printer ingressClasses() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.text("Controller", "Controller that is responsible for handling this class"),
                Column.text("Parameters", "A reference to a resource with additional parameters"),
                Column.ageColumn()), (ic, now) -> {
                    JsonNode spec = ic.path("spec");
                    JsonNode params = spec.path("parameters");
                    String parameters = "<none>";
                    if (params.isObject()) {
                        parameters = params.path("kind").asText("");
                        if (params.path("apiGroup").isTextual()) {
                            parameters += "." + params.path("apiGroup").asText();
                        }
                        parameters += "/" + params.path("name").asText("");
                    }
                    return List.of(Printer.name(ic), spec.path("controller").asText(""), parameters, Printer.age(ic, now));
                });
    }
}
