package dev.wharf.scheduler.model;

/** A node taint; effect is NoSchedule, PreferNoSchedule or NoExecute. */
public record Taint(String key, String value, String effect) {
    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";
    public static final Taint UNSCHEDULABLE = new Taint("node.kubernetes.io/unschedulable", "", NO_SCHEDULE);

    public Taint {
        value = value == null ? "" : value;
    }

    public static Taint of(io.fabric8.kubernetes.api.model.Taint t) {
        return new Taint(t.getKey(), t.getValue(), t.getEffect());
    }
}
