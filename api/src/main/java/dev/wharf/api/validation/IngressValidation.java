package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** ValidateIngressSpec: rules, hosts, paths and pathType, backends. */
final class IngressValidation {
    private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");

    private IngressValidation() {
    }

    static void ingress(Causes causes, JsonNode spec) {
        JsonNode rules = spec.path("rules");
        boolean hasDefault = spec.hasNonNull("defaultBackend");
        if (rules.isEmpty() && !hasDefault) {
            causes.invalid("spec", new GoValues.Raw("[]networking.IngressRule(nil)"), "either `defaultBackend` or `rules` must be specified");
        }
        if (hasDefault) {
            backend(causes, spec.path("defaultBackend"), "spec.defaultBackend");
        }
        String className = spec.path("ingressClassName").asText("");
        if (!className.isEmpty()) {
            causes.invalidEach("spec.ingressClassName", className, Names.dns1123Subdomain(className));
        }
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String p = "spec.rules[" + i + "]";
            String host = rule.path("host").asText("");
            if (!host.isEmpty()) {
                causes.invalidEach(p + ".host", host, Names.wildcardDns1123Subdomain(host));
            }
            if (rule.has("http")) {
                paths(causes, rule.path("http").path("paths"), p + ".http.paths");
            }
        }
        JsonNode tls = spec.path("tls");
        for (int i = 0; i < tls.size(); i++) {
            JsonNode hosts = tls.get(i).path("hosts");
            for (int j = 0; j < hosts.size(); j++) {
                causes.invalidEach("spec.tls[" + i + "].hosts[" + j + "]", hosts.get(j).asText(),
                        Names.wildcardDns1123Subdomain(hosts.get(j).asText()));
            }
        }
    }

    private static void paths(Causes causes, JsonNode paths, String path) {
        if (paths.isEmpty()) {
            causes.required(path, "");
        }
        for (int i = 0; i < paths.size(); i++) {
            JsonNode hp = paths.get(i);
            String p = path + "[" + i + "]";
            String pathType = hp.path("pathType").asText("");
            String value = hp.path("path").asText("");
            if (pathType.isEmpty()) {
                causes.required(p + ".pathType", "pathType must be specified");
            } else if (!PATH_TYPES.contains(pathType)) {
                causes.notSupported(p + ".pathType", pathType, PATH_TYPES);
            } else if (!pathType.equals("ImplementationSpecific")) {
                if (!value.startsWith("/")) {
                    causes.invalid(p + ".path", value, "must be an absolute path");
                } else if (value.contains("//")) {
                    causes.invalid(p + ".path", value, "must not contain '//'");
                }
            } else if (!value.isEmpty() && !value.startsWith("/")) {
                causes.invalid(p + ".path", value, "must be an absolute path");
            }
            backend(causes, hp.path("backend"), p + ".backend");
        }
    }

    private static void backend(Causes causes, JsonNode backend, String path) {
        boolean service = backend.hasNonNull("service");
        boolean resource = backend.hasNonNull("resource");
        if (service && resource) {
            causes.invalid(path, "", "cannot set both resource and service backends");
            return;
        }
        if (!service && !resource) {
            causes.invalid(path, "", "resource or service backend is required");
            return;
        }
        if (service) {
            JsonNode svc = backend.path("service");
            String name = svc.path("name").asText("");
            if (name.isEmpty()) {
                causes.required(path + ".service.name", "");
            } else {
                causes.invalidEach(path + ".service.name", name, Names.dns1123Label(name));
            }
            JsonNode port = svc.path("port");
            boolean hasName = !port.path("name").asText("").isEmpty();
            boolean hasNumber = port.path("number").asLong(0) != 0;
            if (hasName && hasNumber) {
                causes.invalid(path + ".service.port", "", "cannot set both port name & port number");
            } else if (hasName) {
                causes.invalidEach(path + ".service.port.name", port.path("name").asText(), Names.portName(port.path("name").asText()));
            } else if (hasNumber) {
                if (!Names.validPort(port.path("number").asLong())) {
                    causes.invalid(path + ".service.port.number", port.path("number").asLong(), Names.PORT_RANGE);
                }
            } else {
                causes.required(path + ".service.port", "port name or number is required");
            }
        }
    }

    /** ValidateIngressClass: a domain-prefixed controller name (immutable) and a well-formed parameters reference. */
    static void ingressClass(Causes causes, JsonNode spec, JsonNode oldSpec) {
        String controller = spec.path("controller").asText("");
        if (controller.isEmpty()) {
            causes.required("spec.controller", "");
        } else if (controller.length() > 250) {
            causes.tooLong("spec.controller", 250);
        } else if (!controller.contains("/") || controller.startsWith("/")) {
            causes.invalid("spec.controller", controller, "must be a domain-prefixed path (such as \"acme.io/foo\")");
        } else {
            String domain = controller.substring(0, controller.indexOf('/'));
            causes.invalidEach("spec.controller", controller, Names.dns1123Subdomain(domain));
        }
        if (oldSpec != null && !oldSpec.path("controller").asText("").equals(controller)) {
            causes.invalid("spec.controller", controller, "field is immutable");
        }
        JsonNode params = spec.path("parameters");
        if (params.isObject()) {
            if (params.path("kind").asText("").isEmpty()) {
                causes.required("spec.parameters.kind", "");
            }
            if (params.path("name").asText("").isEmpty()) {
                causes.required("spec.parameters.name", "");
            }
            String scope = params.path("scope").asText("");
            if (!scope.isEmpty() && !scope.equals("Cluster") && !scope.equals("Namespace")) {
                causes.notSupported("spec.parameters.scope", scope, List.of("Cluster", "Namespace"));
            }
            if (scope.equals("Namespace") && params.path("namespace").asText("").isEmpty()) {
                causes.required("spec.parameters.namespace", "`parameters.scope` is set to 'Namespace'");
            }
        }
    }
}
