package dev.wharf.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.List;

/** Facts about a Deployment's ReplicaSets: revisions, template equality, counts. */
final class ReplicaSets {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
    static final String MAX = "deployment.kubernetes.io/max-replicas";

    static final Comparator<ReplicaSet> BY_CREATION = Comparator.comparing((ReplicaSet rs) -> Meta.created(rs))
            .thenComparing(rs -> rs.getMetadata().getName());
    static final Comparator<ReplicaSet> BY_REVISION = Comparator.comparingLong(ReplicaSets::revision)
            .thenComparing(BY_CREATION);

    private ReplicaSets() {
    }

    static long revision(ReplicaSet rs) {
        String v = Meta.annotation(rs, REVISION);
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Templates equal once the pod-template-hash label is ignored (upstream's EqualIgnoreHash). */
    static boolean equalIgnoreHash(PodTemplateSpec a, PodTemplateSpec b) {
        return withoutHash(a).equals(withoutHash(b));
    }

    private static ObjectNode withoutHash(PodTemplateSpec t) {
        ObjectNode tree = Json.tree(t == null ? new PodTemplateSpec() : t);
        ObjectNode meta = tree.with("metadata");
        if (meta.has("labels")) {
            ((ObjectNode) meta.get("labels")).remove(PodTemplateHash.LABEL);
            if (meta.get("labels").isEmpty()) {
                meta.remove("labels");
            }
        }
        if (meta.isEmpty()) {
            tree.remove("metadata");
        }
        return tree;
    }

    static int specReplicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }

    static int sumSpec(List<ReplicaSet> list) {
        return list.stream().filter(java.util.Objects::nonNull).mapToInt(ReplicaSets::specReplicas).sum();
    }

    static int replicas(ReplicaSet rs) {
        return rs == null || rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas();
    }

    static int ready(ReplicaSet rs) {
        return rs == null || rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas();
    }

    static int available(ReplicaSet rs) {
        return rs == null || rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0 : rs.getStatus().getAvailableReplicas();
    }

    static int sum(List<ReplicaSet> list, java.util.function.ToIntFunction<ReplicaSet> f) {
        return list.stream().filter(java.util.Objects::nonNull).mapToInt(f).sum();
    }
}
