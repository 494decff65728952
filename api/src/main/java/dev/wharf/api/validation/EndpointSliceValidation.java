package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ValidateEndpointSlice (discovery.k8s.io/v1): address type, addresses, ports, and the update rule. */
final class EndpointSliceValidation {
    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final int MAX_ENDPOINTS = 1000;
    private static final int MAX_PORTS = 100;
    private static final int MAX_ADDRESSES = 100;

    private EndpointSliceValidation() {
    }

    static void endpointSlice(Causes causes, JsonNode slice, JsonNode old) {
        String addressType = slice.path("addressType").asText("");
        if (addressType.isEmpty()) {
            causes.required("addressType", "");
        } else if (!ADDRESS_TYPES.contains(addressType)) {
            causes.notSupported("addressType", addressType, ADDRESS_TYPES);
        } else if (old != null && !old.path("addressType").asText("").equals(addressType)) {
            causes.invalid("addressType", addressType, "field is immutable");
        }
        JsonNode endpoints = slice.path("endpoints");
        if (endpoints.size() > MAX_ENDPOINTS) {
            causes.invalid("endpoints", endpoints.size(), "must have at most " + MAX_ENDPOINTS + " items");
        }
        for (int i = 0; i < endpoints.size(); i++) {
            endpoint(causes, endpoints.get(i), "endpoints[" + i + "]", addressType);
        }
        JsonNode ports = slice.path("ports");
        if (ports.size() > MAX_PORTS) {
            causes.invalid("ports", ports.size(), "must have at most " + MAX_PORTS + " items");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            String p = "ports[" + i + "]";
            String name = port.path("name").asText("");
            if (!name.isEmpty()) {
                causes.invalidEach(p + ".name", name, Names.dns1123Label(name));
            }
            if (!names.add(name)) {
                causes.duplicate(p + ".name", name);
            }
            String protocol = port.path("protocol").asText("");
            if (protocol.isEmpty()) {
                causes.required(p + ".protocol", "");
            } else if (!PROTOCOLS.contains(protocol)) {
                causes.notSupported(p + ".protocol", protocol, PROTOCOLS);
            }
            JsonNode number = port.get("port");
            if (number != null && !number.isNull() && !Names.validPort(number.asLong())) {
                causes.invalid(p + ".port", number.asLong(), Names.PORT_RANGE);
            }
        }
    }

    private static void endpoint(Causes causes, JsonNode endpoint, String path, String addressType) {
        JsonNode addresses = endpoint.path("addresses");
        if (addresses.isEmpty()) {
            causes.required(path + ".addresses", "must contain at least 1 address");
        } else if (addresses.size() > MAX_ADDRESSES) {
            causes.invalid(path + ".addresses", addresses.size(), "must have at most " + MAX_ADDRESSES + " items");
        }
        for (int j = 0; j < addresses.size(); j++) {
            String address = addresses.get(j).asText("");
            String p = path + ".addresses[" + j + "]";
            if (addressType.equals("IPv4") && !isIpv4(address)) {
                causes.invalid(p, address, "must be a valid IPv4 address");
            } else if (addressType.equals("IPv6") && !address.contains(":")) {
                causes.invalid(p, address, "must be a valid IPv6 address");
            } else if (addressType.equals("FQDN")) {
                causes.invalidEach(p, address, Names.dns1123Subdomain(address));
            }
        }
        String hostname = endpoint.path("hostname").asText("");
        if (!hostname.isEmpty()) {
            causes.invalidEach(path + ".hostname", hostname, Names.dns1123Label(hostname));
        }
        String nodeName = endpoint.path("nodeName").asText("");
        if (!nodeName.isEmpty()) {
            causes.invalidEach(path + ".nodeName", nodeName, Names.dns1123Subdomain(nodeName));
        }
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                return false;
            }
        }
        return true;
    }
}
