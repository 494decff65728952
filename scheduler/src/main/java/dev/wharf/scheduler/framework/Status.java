package dev.wharf.scheduler.framework;

import java.util.List;

/**
 * The result of a plugin on one node (or for the whole pod, from a pre-filter), with the reasons Kubernetes
 * shows in events ({@code Insufficient cpu}, {@code node(s) didn't match pod anti-affinity rules}).
 * {@code SKIP} from a pre-filter or pre-score means the plugin has nothing to check for this pod.
 */
public record Status(Code code, List<String> reasons, String plugin) {
    public enum Code { SUCCESS, SKIP, UNSCHEDULABLE, UNSCHEDULABLE_AND_UNRESOLVABLE, ERROR }

    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), null);
    public static final Status SKIP = new Status(Code.SKIP, List.of(), null);

    public Status {
        reasons = List.copyOf(reasons);
    }

    /** The node may fit after other pods leave (preemption could help). */
    public static Status unschedulable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons), null);
    }

    /** The node cannot fit whatever leaves it (labels, taints, name). */
    public static Status unresolvable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), null);
    }

    public static Status error(String message) {
        return new Status(Code.ERROR, List.of(message), null);
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isSkip() {
        return code == Code.SKIP;
    }

    public Status withPlugin(String name) {
        return plugin != null ? this : new Status(code, reasons, name);
    }

    /** Reasons joined as describe shows them. */
    public String message() {
        return isSuccess() ? "fits" : String.join(", ", reasons);
    }
}
