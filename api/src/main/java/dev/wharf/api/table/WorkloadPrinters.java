package dev.wharf.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** printDeployment and printReplicaSet. */
final class WorkloadPrinters {
    private static final Column CONTAINERS = Column.wide("Containers", "Names of each container in the template.");
    private static final Column IMAGES = Column.wide("Images", "Images referenced by each container in the template.");
    private static final Column SELECTOR = Column.wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are "
            + "selected by this will be the ones affected by this deployment.");

    private WorkloadPrinters() {
    }

    static Printer deployments() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.text("Ready", "Number of the pod with ready state"),
                Column.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the "
                        + "desired template spec."),
                Column.integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by "
                        + "this deployment."),
                Column.ageColumn(), CONTAINERS, IMAGES, SELECTOR), (d, now) -> {
                    JsonNode spec = d.path("spec");
                    JsonNode status = d.path("status");
                    JsonNode containers = spec.path("template").path("spec").path("containers");
                    return List.of(Printer.name(d),
                            status.path("readyReplicas").asLong(0) + "/" + spec.path("replicas").asLong(0),
                            status.path("updatedReplicas").asLong(0), status.path("availableReplicas").asLong(0),
                            Printer.age(d, now), Printer.join(containers, "name"), Printer.join(containers, "image"),
                            Printer.formatSelector(spec.get("selector")));
                });
    }

    static Printer replicaSets() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.integer("Desired", "Number of desired pods."),
                Column.integer("Current", "Number of actual pods."),
                Column.integer("Ready", "Number of ready pods."),
                Column.ageColumn(), CONTAINERS, IMAGES, SELECTOR), (rs, now) -> {
                    JsonNode spec = rs.path("spec");
                    JsonNode status = rs.path("status");
                    JsonNode containers = spec.path("template").path("spec").path("containers");
                    return List.of(Printer.name(rs), spec.path("replicas").asLong(0), status.path("replicas").asLong(0),
                            status.path("readyReplicas").asLong(0), Printer.age(rs, now), Printer.join(containers, "name"),
                            Printer.join(containers, "image"), Printer.formatSelector(spec.get("selector")));
                });
    }
}
