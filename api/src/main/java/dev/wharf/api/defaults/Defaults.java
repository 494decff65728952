package dev.wharf.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;

/** Defaulting as Kubernetes does it (Deployment strategy, container terminationMessagePath, imagePullPolicy...). */
public final class Defaults {
    private Defaults() {
    }

    /** Fills defaults into {@code object} in place. */
    public static void apply(ResourceType type, ObjectNode object) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
