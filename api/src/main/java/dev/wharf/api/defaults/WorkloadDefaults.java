package dev.wharf.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** SetDefaults_Deployment and SetDefaults_ReplicaSet (apps/v1), with their pod templates. */
final class WorkloadDefaults {
    private WorkloadDefaults() {
    }

    static void deployment(ObjectNode d) {
        ObjectNode spec = Nodes.object(d, "spec");
        Nodes.setIfAbsent(spec, "replicas", 1);
        ObjectNode strategy = Nodes.object(spec, "strategy");
        Nodes.setIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
            ObjectNode ru = Nodes.object(strategy, "rollingUpdate");
            Nodes.setIfAbsent(ru, "maxUnavailable", "25%");
            Nodes.setIfAbsent(ru, "maxSurge", "25%");
        }
        Nodes.setIfAbsent(spec, "revisionHistoryLimit", 10);
        Nodes.setIfAbsent(spec, "progressDeadlineSeconds", 600);
        template(spec);
    }

    static void replicaSet(ObjectNode rs) {
        ObjectNode spec = Nodes.object(rs, "spec");
        Nodes.setIfAbsent(spec, "replicas", 1);
        template(spec);
    }

    private static void template(ObjectNode spec) {
        if (spec.get("template") instanceof ObjectNode template) {
            PodDefaults.podSpec(Nodes.object(template, "spec"));
        }
    }
}
