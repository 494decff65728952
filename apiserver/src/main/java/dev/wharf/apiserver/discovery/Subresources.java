package dev.wharf.apiserver.discovery;

import dev.wharf.api.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;

/** What each subresource answers with, for discovery. */
public final class Subresources {
    private Subresources() {
    }

    /** A subresource: its name, response kind and verbs. */
    public record Sub(String name, String group, String version, String kind, List<String> verbs) {
    }

    public static List<Sub> of(ResourceType type) {
        List<Sub> subs = new ArrayList<>();
        for (String name : List.of("binding", "eviction", "finalize", "log", "scale", "status")) {
            if (!type.subresources().contains(name)) {
                continue;
            }
            subs.add(switch (name) {
                case "binding" -> new Sub(name, "", "v1", "Binding", List.of("create"));
                case "eviction" -> new Sub(name, "policy", "v1", "Eviction", List.of("create"));
                case "finalize" -> new Sub(name, type.group(), type.version(), type.kind(), List.of("update"));
                case "log" -> new Sub(name, type.group(), type.version(), type.kind(), List.of("get"));
                case "scale" -> new Sub(name, "autoscaling", "v1", "Scale", List.of("get", "patch", "update"));
                default -> new Sub(name, type.group(), type.version(), type.kind(), List.of("get", "patch", "update"));
            });
        }
        return subs;
    }
}
