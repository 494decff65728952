package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.Keys;
import dev.wharf.apiserver.registry.ObjectStorage;
import dev.wharf.apiserver.registry.StoredObject;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives NodePort and LoadBalancer Services a {@code nodePort} per port from a range (default 30000-32767), as
 * the service registry's port allocator does: requested ports are checked (in range, not taken by another
 * Service), missing ones are allocated, an update keeps the ports it had (matched by port name), and a change to a
 * type without node ports drops the ones that were allocated. Like {@link ClusterIpAllocator} it reads the ports
 * in use from the store at each call, plus those handed out but not yet stored, so it has no state that could
 * drift from the store.
 */
public final class NodePortAllocator {
    public static final String DEFAULT_RANGE = "30000-32767";
    private final int min;
    private final int max;
    private final ObjectStorage storage;
    private final Set<Integer> pending = new HashSet<>();
    private int next;

    /** {@code range} as "30000-32767" (both ends included). */
    public NodePortAllocator(String range, ObjectStorage storage) {
        String[] ends = range.trim().split("-");
        if (ends.length != 2) {
            throw new IllegalArgumentException("a node port range looks like 30000-32767, not " + range);
        }
        this.min = Integer.parseInt(ends[0].trim());
        this.max = Integer.parseInt(ends[1].trim());
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("bad node port range " + range);
        }
        this.storage = storage;
        this.next = min;
    }

    /** "30000-32767". */
    public String range() {
        return min + "-" + max;
    }

    /**
     * Fills and checks {@code spec.ports[*].nodePort} of a Service about to be stored ({@code live} is the stored
     * one on update, null on create; {@code key} its store key). Returns the ports reserved for this write: pass
     * them to {@link #release} once the write is stored or failed. Throws 422 for a taken or out-of-range port.
     */
    public synchronized List<Integer> assign(ObjectNode svc, ObjectNode live, String key) {
        if (!(svc.get("spec") instanceof ObjectNode spec) || !spec.path("ports").isArray()) {
            return List.of();
        }
        JsonNode liveSpec = live == null ? null : live.path("spec");
        boolean needs = needsNodePorts(spec);
        if (!needs) {
            if (liveSpec != null && needsNodePorts(liveSpec) && sameNodePorts(spec, liveSpec)) {
                for (JsonNode p : spec.path("ports")) {
                    ((ObjectNode) p).remove("nodePort");
                }
            }
            return List.of();
        }
        Set<Integer> own = new HashSet<>();
        if (liveSpec != null && needsNodePorts(liveSpec)) {
            own.addAll(nodePorts(liveSpec));
            carryOver(spec, liveSpec);
        }
        Set<Integer> used = inUse(key);
        List<Integer> reserved = new ArrayList<>();
        String name = svc.path("metadata").path("name").asText("");
        JsonNode ports = spec.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            int requested = ports.get(i).path("nodePort").asInt(0);
            if (requested == 0 || own.contains(requested)) {
                continue;
            }
            if (requested < min || requested > max) {
                release(reserved);
                throw invalid(name, i, requested, "provided port is not in the valid range. The range of valid ports is " + range());
            }
            if (used.contains(requested)) {
                release(reserved);
                throw invalid(name, i, requested, "provided port is already allocated");
            }
            if (pending.add(requested)) {
                reserved.add(requested);
            }
        }
        Set<Integer> taken = new HashSet<>(used);
        for (JsonNode p : ports) {
            taken.add(p.path("nodePort").asInt(0));
        }
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode port = (ObjectNode) ports.get(i);
            if (port.path("nodePort").asInt(0) != 0) {
                continue;
            }
            int free = free(taken);
            if (free < 0) {
                release(reserved);
                throw ApiException.of(500, "InternalError", "no node ports left in the range " + range());
            }
            taken.add(free);
            pending.add(free);
            reserved.add(free);
            port.put("nodePort", free);
        }
        return reserved;
    }

    public synchronized void release(List<Integer> ports) {
        ports.forEach(pending::remove);
    }

    static boolean needsNodePorts(JsonNode spec) {
        String type = spec.path("type").asText("");
        return type.equals("NodePort")
                || (type.equals("LoadBalancer") && spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
    }

    /** patchAllocatedValues: a port left without nodePort gets the one the stored port of that name had. */
    private static void carryOver(ObjectNode spec, JsonNode liveSpec) {
        Map<String, Integer> byName = new HashMap<>();
        for (JsonNode p : liveSpec.path("ports")) {
            byName.put(p.path("name").asText(""), p.path("nodePort").asInt(0));
        }
        Set<Integer> requested = nodePorts(spec);
        for (JsonNode p : spec.path("ports")) {
            int old = byName.getOrDefault(p.path("name").asText(""), 0);
            if (p.path("nodePort").asInt(0) == 0 && old != 0 && !requested.contains(old)) {
                ((ObjectNode) p).put("nodePort", old);
                requested.add(old);
            }
        }
    }

    private static boolean sameNodePorts(JsonNode spec, JsonNode liveSpec) {
        JsonNode a = spec.path("ports");
        JsonNode b = liveSpec.path("ports");
        for (int i = 0; i < a.size(); i++) {
            int np = a.get(i).path("nodePort").asInt(0);
            if (np != 0 && (i >= b.size() || b.get(i).path("nodePort").asInt(0) != np)) {
                return false;
            }
        }
        return true;
    }

    private static Set<Integer> nodePorts(JsonNode spec) {
        Set<Integer> out = new HashSet<>();
        for (JsonNode p : spec.path("ports")) {
            int np = p.path("nodePort").asInt(0);
            if (np != 0) {
                out.add(np);
            }
        }
        return out;
    }

    private int free(Set<Integer> taken) {
        int size = max - min + 1;
        for (int i = 0; i < size; i++) {
            int candidate = min + Math.floorMod(next - min + i, size);
            if (!taken.contains(candidate)) {
                next = candidate + 1 > max ? min : candidate + 1;
                return candidate;
            }
        }
        return -1;
    }

    private Set<Integer> inUse(String exceptKey) {
        Set<Integer> used = new HashSet<>(pending);
        for (StoredObject s : storage.range(Keys.typePrefix(ResourceTypes.SERVICES), null, 0).items()) {
            if (!s.key().equals(exceptKey)) {
                used.addAll(nodePorts(s.object().path("spec")));
            }
        }
        return used;
    }

    private static ApiException invalid(String name, int index, int port, String why) {
        return ApiException.invalid("Service", "", name, List.of(new StatusCause("spec.ports[" + index + "].nodePort",
                "Invalid value: " + port + ": " + why, "FieldValueInvalid")));
    }
}
