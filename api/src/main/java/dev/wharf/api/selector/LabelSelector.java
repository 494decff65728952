package dev.wharf.api.selector;

import java.util.Map;

/**
 * A label selector: the string form of the API ("app=web,tier!=db,env in (a,b),!canary,release") and the
 * structured form of manifests (matchLabels, matchExpressions).
 */
public interface LabelSelector {
    boolean matches(Map<String, String> labels);

    /** Parses the query-string form; throws ApiException 400 on a syntax error. Empty or null matches all. */
    static LabelSelector parse(String selector) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** From a manifest's selector; a null selector matches nothing (as Kubernetes treats it for workloads). */
    static LabelSelector of(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
