package dev.wharf.scheduler.model;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * Everything the scheduler reads of a pod, parsed once from the fabric8 model: requests in longs, compiled
 * selectors and terms. Build with {@link #of(Pod)}.
 *
 * @param requests         effective requests (containers, init containers and sidecars, overhead) as upstream
 * @param nonZeroRequests  requests for scoring: a container without cpu/memory request counts 100m / 200Mi
 */
public record PodInfo(String namespace, String name, String uid, Map<String, String> labels, String nodeName,
                      int priority, Resources requests, Resources nonZeroRequests, List<Toleration> tolerations,
                      NodeConstraint nodeConstraint, List<WeightedNodeTerm> preferredNodeTerms,
                      List<AffinityTerm> requiredAffinity, List<AffinityTerm> requiredAntiAffinity,
                      List<WeightedAffinityTerm> preferredAffinity, List<WeightedAffinityTerm> preferredAntiAffinity,
                      List<SpreadConstraint> spreadConstraints, List<String> images) {

    public static PodInfo of(Pod pod) {
        return PodCompiler.compile(pod);
    }

    /** {@code namespace/name}: the key of a pod in the snapshot. */
    public String key() {
        return namespace + "/" + name;
    }

    /** Whether this pod carries any inter-pod (anti-)affinity term. */
    public boolean hasPodAffinity() {
        return !requiredAffinity.isEmpty() || !requiredAntiAffinity.isEmpty() || !preferredAffinity.isEmpty()
                || !preferredAntiAffinity.isEmpty();
    }
}
