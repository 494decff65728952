package dev.wharf.scheduler.model;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashMap;
import java.util.Map;

/**
 * Resource amounts parsed once: cpu in millicores, memory and ephemeral storage in bytes, other (extended)
 * resources in their integer unit. The hot path only adds and compares longs.
 */
public record Resources(long milliCpu, long memory, long ephemeralStorage, Map<String, Long> scalars) {
    public static final Resources ZERO = new Resources(0, 0, 0, Map.of());
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    public static final String PODS = "pods";

    public Resources {
        scalars = Map.copyOf(scalars);
    }

    /** Parses a resource list (requests, allocatable); {@code pods} is left out (see {@link #pods}). */
    public static Resources of(Map<String, Quantity> list, String path) {
        if (list == null || list.isEmpty()) {
            return ZERO;
        }
        long cpu = 0;
        long mem = 0;
        long eph = 0;
        Map<String, Long> scalars = new HashMap<>();
        for (Map.Entry<String, Quantity> e : list.entrySet()) {
            String name = e.getKey();
            switch (name) {
                case CPU -> cpu = milli(e.getValue(), path + "." + name);
                case MEMORY -> mem = units(e.getValue(), path + "." + name);
                case EPHEMERAL_STORAGE -> eph = units(e.getValue(), path + "." + name);
                case PODS -> { }
                default -> {
                    if (name.contains("/") || name.startsWith("hugepages-")) {
                        scalars.put(name, units(e.getValue(), path + "." + name));
                    }
                }
            }
        }
        return new Resources(cpu, mem, eph, scalars);
    }

    /** The {@code pods} entry of a node's allocatable, or {@code fallback} when absent. */
    public static long pods(Map<String, Quantity> list, long fallback) {
        if (list == null || !list.containsKey(PODS)) {
            return fallback;
        }
        return units(list.get(PODS), "allocatable.pods");
    }

    public static long milli(Quantity q, String path) {
        return Quantities.milli(q, path);
    }

    public static long units(Quantity q, String path) {
        return Quantities.units(q, path);
    }

    public Resources plus(Resources o) {
        return new Resources(milliCpu + o.milliCpu, memory + o.memory, ephemeralStorage + o.ephemeralStorage,
                merge(scalars, o.scalars, 1, false));
    }

    public Resources minus(Resources o) {
        return new Resources(milliCpu - o.milliCpu, memory - o.memory, ephemeralStorage - o.ephemeralStorage,
                merge(scalars, o.scalars, -1, false));
    }

    public Resources max(Resources o) {
        return new Resources(Math.max(milliCpu, o.milliCpu), Math.max(memory, o.memory),
                Math.max(ephemeralStorage, o.ephemeralStorage), merge(scalars, o.scalars, 1, true));
    }

    private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b, int sign, boolean max) {
        if (b.isEmpty()) {
            return a;
        }
        Map<String, Long> out = new HashMap<>(a);
        b.forEach((k, v) -> out.merge(k, sign * v, max ? Math::max : Long::sum));
        return out;
    }
}
