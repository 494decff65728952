package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import java.time.Instant;

/**
 * Server-side apply and field ownership ({@code metadata.managedFields}, fieldsV1 format), as Kubernetes does it.
 */
public final class ServerSideApply {
    private ServerSideApply() {
    }

    /**
     * Applies {@code applied} (the user's configuration) for {@code manager} onto {@code live} (null when the object
     * does not exist yet) and returns the new object with updated managedFields. Fields owned by other managers
     * whose values would change are conflicts: 409 Conflict (ApiException, causes naming each field and owner)
     * unless {@code force}, which takes ownership. Fields this manager applied before and now omits are removed
     * when no other manager owns them.
     */
    public static ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager, boolean force,
            Instant now) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Records that a non-apply write (create, update, patch) by {@code manager} changed {@code before} into
     * {@code after}: the fields it set become owned by {@code manager} with {@code operation} "Update" and are
     * taken away from other managers. Mutates {@code after}'s managedFields. {@code before} is null on create.
     */
    public static void recordUpdate(ResourceType type, ObjectNode before, ObjectNode after, String manager,
            String subresource, Instant now) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
