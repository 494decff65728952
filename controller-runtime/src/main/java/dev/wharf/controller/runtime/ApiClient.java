package dev.wharf.controller.runtime;

import dev.wharf.api.ApiException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What controllers, the scheduler's driver and agents use to read and write the API. The apiserver provides an
 * in-process implementation (same validation, defaulting and admission as HTTP calls); an HTTP implementation
 * serves remote agents. Failures are {@link ApiException}s carrying the Kubernetes Status (404, 409, 422...).
 */
public interface ApiClient {

    /** The object, or null when it does not exist. {@code namespace} is ignored for cluster-scoped types. */
    <T extends HasMetadata> T get(Class<T> type, String namespace, String name);

    <T extends HasMetadata> ObjectList<T> list(Class<T> type, ListOptions options);

    /** Creates the object (generateName honoured); returns it as stored. 409 AlreadyExists. */
    <T extends HasMetadata> T create(T object);

    /** Replaces the object; metadata.resourceVersion, when set, must match (409 Conflict otherwise). */
    <T extends HasMetadata> T update(T object);

    /** Replaces only the status (the status subresource). */
    <T extends HasMetadata> T updateStatus(T object);

    /** Patches the object ({@code subresource} null for the main resource, or "status"). */
    <T extends HasMetadata> T patch(Class<T> type, String namespace, String name, PatchType patchType, String body,
            String subresource);

    /** Deletes the object; returns true if it was deleted or is now being deleted, false if it did not exist. */
    boolean delete(Class<? extends HasMetadata> type, String namespace, String name, DeleteOptions options);

    /** Watches changes after {@code options.resourceVersion()} (or from now with synthetic ADDEDs when null/"0"). */
    <T extends HasMetadata> WatchHandle watch(Class<T> type, ListOptions options, WatchListener<T> listener);

    /**
     * {@code PUT /api/v1/namespaces/{name}/finalize}: replaces {@code spec.finalizers} of the namespace (the only
     * way to change them). A terminating namespace whose finalizers are all gone disappears. The default sends
     * a merge patch to the "finalize" subresource; implementations may override it.
     */
    default io.fabric8.kubernetes.api.model.Namespace finalizeNamespace(io.fabric8.kubernetes.api.model.Namespace namespace) {
        com.fasterxml.jackson.databind.node.ObjectNode body = dev.wharf.common.Json.object();
        com.fasterxml.jackson.databind.node.ArrayNode finalizers = body.putObject("spec").putArray("finalizers");
        if (namespace.getSpec() != null && namespace.getSpec().getFinalizers() != null) {
            namespace.getSpec().getFinalizers().forEach(finalizers::add);
        }
        return patch(io.fabric8.kubernetes.api.model.Namespace.class, null, namespace.getMetadata().getName(),
                PatchType.MERGE, body.toString(), "finalize");
    }

    enum PatchType { JSON, MERGE, STRATEGIC_MERGE, APPLY }

    /**
     * @param propagationPolicy "Orphan", "Background", "Foreground" or null (the kind's default)
     * @param gracePeriodSeconds null for the default
     * @param preconditionUid / preconditionResourceVersion optional preconditions
     */
    record DeleteOptions(String propagationPolicy, Long gracePeriodSeconds, String preconditionUid,
            String preconditionResourceVersion) {
        public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null);

        public static DeleteOptions background() {
            return new DeleteOptions("Background", null, null, null);
        }

        public static DeleteOptions now() {
            return new DeleteOptions("Background", 0L, null, null);
        }
    }

    /** namespace null means all namespaces. */
    record ListOptions(String namespace, String labelSelector, String fieldSelector, String resourceVersion, long limit,
            String continueToken) {
        public static ListOptions all() {
            return new ListOptions(null, null, null, null, 0, null);
        }

        public static ListOptions in(String namespace) {
            return new ListOptions(namespace, null, null, null, 0, null);
        }

        public ListOptions withLabels(String selector) {
            return new ListOptions(namespace, selector, fieldSelector, resourceVersion, limit, continueToken);
        }

        public ListOptions withFields(String selector) {
            return new ListOptions(namespace, labelSelector, selector, resourceVersion, limit, continueToken);
        }

        public ListOptions fromVersion(String rv) {
            return new ListOptions(namespace, labelSelector, fieldSelector, rv, limit, continueToken);
        }
    }

    record ObjectList<T>(List<T> items, String resourceVersion, String continueToken) {
    }

    enum EventType { ADDED, MODIFIED, DELETED, BOOKMARK }

    interface WatchListener<T> {
        void onEvent(EventType type, T object);

        /** The watch ended; {@code cause} is an ApiException with 410 when the resourceVersion is too old. */
        default void onClose(Throwable cause) {
        }
    }

    interface WatchHandle extends AutoCloseable {
        @Override
        void close();
    }
}
