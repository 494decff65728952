package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;

/**
 * Validation as Kubernetes does it: each bad field becomes a StatusCause with {@code field} (e.g.
 * "spec.template.spec.containers[0].image"), {@code reason} (e.g. "FieldValueRequired", "FieldValueInvalid",
 * "FieldValueDuplicate", "FieldValueNotSupported") and Kubernetes' message. An empty list means valid.
 */
public final class Validation {
    private Validation() {
    }

    /** Validates {@code object} (already defaulted); {@code old} is the stored object on update, else null. */
    public static List<StatusCause> validate(ResourceType type, ObjectNode object, ObjectNode old) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
