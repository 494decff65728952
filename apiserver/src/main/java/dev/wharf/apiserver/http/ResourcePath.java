package dev.wharf.apiserver.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A resource URL taken apart as Kubernetes does: {@code /api/v1[/watch][/namespaces/<ns>]/<resource>[/<name>[/<sub>]]}
 * and the same under {@code /apis/<group>/<version>}; {@code namespaces/<n>/status|finalize} are subresources of
 * the namespace itself.
 */
public record ResourcePath(String group, String version, boolean watch, String namespace, String resource, String name,
        String subresource) {
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public static Optional<ResourcePath> parse(String path) {
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        String version;
        List<String> rest;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            rest = parts.subList(3, parts.size());
        } else {
            return Optional.empty();
        }
        boolean watch = false;
        if (!rest.isEmpty() && rest.get(0).equals("watch")) {
            watch = true;
            rest = rest.subList(1, rest.size());
        }
        String namespace = null;
        if (!rest.isEmpty() && rest.get(0).equals("namespaces") && rest.size() > 1) {
            namespace = rest.get(1);
            if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                rest = rest.subList(2, rest.size());
            } else {
                namespace = null;
            }
        }
        if (rest.isEmpty() || rest.size() > 3) {
            return Optional.empty();
        }
        return Optional.of(new ResourcePath(group, version, watch, namespace, rest.get(0),
                rest.size() > 1 ? rest.get(1) : null, rest.size() > 2 ? rest.get(2) : null));
    }
}
