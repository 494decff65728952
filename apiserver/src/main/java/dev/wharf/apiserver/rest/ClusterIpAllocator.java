package dev.wharf.apiserver.rest;

import dev.wharf.common.Ipv4;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.Keys;
import dev.wharf.apiserver.registry.ObjectStorage;
import dev.wharf.apiserver.registry.StoredObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Allocates Service cluster IPs from a /16 (default 100.64.0.0/16), unique among stored services. The set of
 * addresses in use is read from the store at each allocation (plus those handed out but not yet stored), so it
 * needs no state of its own that could drift.
 */
public final class ClusterIpAllocator {
    private final int base;
    private final int size;
    private final ObjectStorage storage;
    private final Set<String> pending = new HashSet<>();
    private int next = 1;

    public ClusterIpAllocator(String cidr, ObjectStorage storage) {
        String[] parts = cidr.split("/");
        this.base = toInt(parts[0]);
        this.size = 1 << (32 - Integer.parseInt(parts[1]));
        this.storage = storage;
    }

    /** A free address; call {@link #release} after the service is stored (or failed). */
    public synchronized String allocate() {
        Set<String> used = inUse();
        for (int i = 0; i < size - 2; i++) {
            int offset = 1 + Math.floorMod(next - 1 + i, size - 2);
            String ip = toString(base + offset);
            if (!used.contains(ip)) {
                next = offset + 1;
                pending.add(ip);
                return ip;
            }
        }
        throw ApiException.of(500, "InternalError", "no cluster IP addresses left in the service range");
    }

    /** Reserves a requested address: 422 when outside the range or taken. */
    public synchronized void reserve(String ip, String serviceKey) {
        int addr;
        try {
            addr = toInt(ip);
        } catch (RuntimeException e) {
            throw invalid(ip, "must be a valid IP address");
        }
        if (Integer.compareUnsigned(addr - base, size) >= 0) {
            throw invalid(ip, "provided IP is not in the valid range");
        }
        for (StoredObject s : storage.range(Keys.typePrefix(ResourceTypes.SERVICES), null, 0).items()) {
            if (!s.key().equals(serviceKey) && ip.equals(s.object().path("spec").path("clusterIP").asText())) {
                throw invalid(ip, "provided IP is already allocated");
            }
        }
        if (pending.contains(ip)) {
            throw invalid(ip, "provided IP is already allocated");
        }
        pending.add(ip);
    }

    public synchronized void release(String ip) {
        pending.remove(ip);
    }

    private Set<String> inUse() {
        Set<String> used = new HashSet<>(pending);
        for (StoredObject s : storage.range(Keys.typePrefix(ResourceTypes.SERVICES), null, 0).items()) {
            JsonNode ip = s.object().path("spec").path("clusterIP");
            if (ip.isTextual()) {
                used.add(ip.asText());
            }
        }
        return used;
    }

    private static ApiException invalid(String ip, String why) {
        return ApiException.invalid("Service", "", "",
                List.of(new io.fabric8.kubernetes.api.model.StatusCause("spec.clusterIPs", "Invalid value: \"" + ip + "\": " + why, "FieldValueInvalid")));
    }

    private static int toInt(String ip) {
        long v = Ipv4.toLong(ip);
        if (v < 0) {
            throw new IllegalArgumentException(ip);
        }
        return (int) v;
    }

    private static String toString(int v) {
        return Ipv4.toString(v & 0xFFFFFFFFL);
    }
}
