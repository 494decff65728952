package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * ValidatePodUpdate: a pod's spec is fixed once created, except images, activeDeadlineSeconds, added tolerations,
 * terminationGracePeriodSeconds and scheduling gates. Binding (setting spec.nodeName on an unbound pod) is allowed,
 * since Wharf's binding subresource may go through an update.
 */
final class PodUpdateValidation {
    static final String UPDATABLE = "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be "
            + "set to 1 if it was previously negative)";

    private PodUpdateValidation() {
    }

    static void podUpdate(Causes causes, JsonNode spec, JsonNode oldSpec) {
        if (spec.path("containers").size() != oldSpec.path("containers").size()) {
            causes.forbidden("spec.containers", "pod updates may not add or remove containers");
            return;
        }
        if (spec.path("initContainers").size() != oldSpec.path("initContainers").size()) {
            causes.forbidden("spec.initContainers", "pod updates may not add or remove containers");
            return;
        }
        ObjectNode mungedNew = mask(spec, oldSpec);
        ObjectNode mungedOld = mask(oldSpec, oldSpec);
        if (!mungedNew.equals(mungedOld)) {
            causes.forbidden("spec", "pod updates may not change fields other than " + UPDATABLE + "\n" + diff(mungedOld, mungedNew));
        }
    }

    /** The spec with the updatable fields taken out, and nodeName taken from the old spec when that was unbound. */
    private static ObjectNode mask(JsonNode spec, JsonNode oldSpec) {
        ObjectNode copy = spec.isObject() ? ((ObjectNode) spec).deepCopy() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (String list : List.of("containers", "initContainers")) {
            if (copy.get(list) instanceof ArrayNode containers) {
                for (JsonNode c : containers) {
                    if (c instanceof ObjectNode o) {
                        o.remove("image");
                    }
                }
            }
        }
        copy.remove(List.of("activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds", "schedulingGates"));
        if (oldSpec.path("nodeName").asText("").isEmpty()) {
            copy.remove("nodeName");
        }
        return copy;
    }

    /** The top-level spec fields that differ, one per line, as a short stand-in for Kubernetes' cmp.Diff. */
    private static String diff(ObjectNode before, ObjectNode after) {
        TreeSet<String> fields = new TreeSet<>();
        for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        List<String> lines = new ArrayList<>();
        for (String f : fields) {
            JsonNode a = before.get(f);
            JsonNode b = after.get(f);
            if (!GoValues.same(a, b)) {
                lines.add("  " + f + ": " + (a == null ? "null" : a.toString()) + " -> " + (b == null ? "null" : b.toString()));
            }
        }
        return "  core.PodSpec{\n" + String.join("\n", lines) + "\n  }";
    }
}
