package dev.wharf.agent.env;

import dev.wharf.agent.pods.ConfigException;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The pod fields the downward API exposes through {@code fieldRef}. */
public final class FieldPaths {
    private FieldPaths() {
    }

    public static String value(Pod pod, String path, String podIp, String hostIp) {
        var m = pod.getMetadata();
        return switch (path) {
            case "metadata.name" -> m.getName();
            case "metadata.namespace" -> m.getNamespace();
            case "metadata.uid" -> m.getUid();
            case "metadata.labels" -> format(m.getLabels());
            case "metadata.annotations" -> format(m.getAnnotations());
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.podIP", "status.podIPs" -> podIp;
            case "status.hostIP", "status.hostIPs" -> hostIp;
            default -> {
                String key = mapKey(path, "metadata.labels");
                if (key != null) {
                    yield m.getLabels() == null ? "" : m.getLabels().getOrDefault(key, "");
                }
                key = mapKey(path, "metadata.annotations");
                if (key != null) {
                    yield m.getAnnotations() == null ? "" : m.getAnnotations().getOrDefault(key, "");
                }
                throw new ConfigException("unsupported fieldRef fieldPath \"" + path + "\"");
            }
        };
    }

    /** "metadata.labels['app']" -> "app". */
    private static String mapKey(String path, String prefix) {
        if (path.startsWith(prefix + "['") && path.endsWith("']")) {
            return path.substring(prefix.length() + 2, path.length() - 2);
        }
        return null;
    }

    /** The downward API's file format: one {@code key="value"} per line, sorted. */
    public static String format(Map<String, String> map) {
        if (map == null) {
            return "";
        }
        return new TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n"));
    }
}
