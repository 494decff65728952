package dev.wharf.controller.runtime.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Clock;
import dev.wharf.common.Ids;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * An in-memory API server good enough for controllers, the scheduler's driver and agents in tests and in
 * {@code --runtime=fake} runs: resourceVersions from one global counter, uid, creationTimestamp, generation
 * bumped on spec changes, generateName, label and field selection, watches (delivered synchronously, on the
 * writer's thread, in order), finalizers with deletionTimestamp, 409 on a stale resourceVersion, 404.
 * Propagation policies Foreground and Orphan add their finalizers, as Kubernetes does; nothing here deletes
 * dependents — that is the garbage collector's job. JSON patches are applied as RFC 6902; merge and strategic
 * merge patches both as JSON merge patches (no list merge keys); server-side apply is not supported.
 */
public final class FakeApiClient implements ApiClient {
    /** One write, for tests that count what a controller did. */
    public record Action(String verb, String resource, String namespace, String name) {
    }

    private final ResourceTypes types;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<ResourceType, TreeMap<String, ObjectNode>> objects = new HashMap<>();
    private final Watches watches = new Watches();
    private final List<Action> actions = new ArrayList<>();
    private long revision;
    private boolean gracefulPodDeletion;

    public FakeApiClient(Clock clock, RandomGenerator random) {
        this(ResourceTypes.builtIn(), clock, random);
    }

    public FakeApiClient(ResourceTypes types, Clock clock, RandomGenerator random) {
        this.types = types;
        this.clock = clock;
        this.random = random;
    }

    /** When on, deleting a pod bound to a node only marks it (as the apiserver does before the kubelet's ack). */
    public synchronized FakeApiClient gracefulPodDeletion(boolean on) {
        this.gracefulPodDeletion = on;
        return this;
    }

    public ResourceTypes types() {
        return types;
    }

    public synchronized List<Action> actions() {
        return List.copyOf(actions);
    }

    public synchronized void clearActions() {
        actions.clear();
    }

    public synchronized long revision() {
        return revision;
    }

    /** Ends every watch of {@code type} with {@code cause} (e.g. a 410), as a restarting server would. */
    public synchronized void closeWatches(Class<? extends HasMetadata> type, Throwable cause) {
        watches.closeAll(types.byClass(type), cause);
    }

    /** Forgets the event history: a watch from any older resourceVersion now gets 410 Gone. */
    public synchronized void compact() {
        watches.compact(revision);
    }

    @Override
    public synchronized <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        ResourceType rt = types.byClass(type);
        ObjectNode node = table(rt).get(key(rt, namespace, name));
        return node == null ? null : Json.convert(node, type);
    }

    @Override
    public synchronized <T extends HasMetadata> ObjectList<T> list(Class<T> type, ListOptions options) {
        ResourceType rt = types.byClass(type);
        Filter filter = Filter.of(rt, options);
        List<T> items = new ArrayList<>();
        for (ObjectNode node : table(rt).values()) {
            if (filter.matches(node)) {
                items.add(Json.convert(node, type));
            }
        }
        return new ObjectList<>(items, Long.toString(revision), null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> T create(T object) {
        ResourceType rt = types.byClass(object.getClass());
        ObjectNode node = Json.tree(object);
        ObjectNode meta = node.with("metadata");
        String namespace = namespaceOf(rt, meta);
        String name = text(meta, "name");
        if (name.isEmpty()) {
            String generate = text(meta, "generateName");
            if (generate.isEmpty()) {
                throw ApiException.invalid(rt.kind(), rt.group(), "", List.of(cause("metadata.name", "Required value: name or generateName is required")));
            }
            do {
                name = generate + Ids.suffix(random, 5);
            } while (table(rt).containsKey(key(rt, namespace, name)));
            meta.put("name", name);
        }
        if (table(rt).containsKey(key(rt, namespace, name))) {
            throw ApiException.alreadyExists(rt.qualifiedName(), rt.group(), name);
        }
        if (rt.namespaced() && !table(ResourceTypes.NAMESPACES).isEmpty()
                && !table(ResourceTypes.NAMESPACES).containsKey(namespace)) {
            throw ApiException.notFound("namespaces", "", namespace);
        }
        ObjectNode ns = rt.namespaced() ? table(ResourceTypes.NAMESPACES).get(namespace) : null;
        if (ns != null && ns.path("metadata").has("deletionTimestamp")) {
            throw ApiException.of(403, "Forbidden", rt.qualifiedName() + " \"" + name + "\" is forbidden: unable to create new content in namespace "
                    + namespace + " because it is being terminated");
        }
        node.put("apiVersion", rt.apiVersion());
        node.put("kind", rt.kind());
        meta.put("uid", Ids.uid(random));
        meta.put("creationTimestamp", timestamp());
        meta.put("generation", 1);
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        if (rt == ResourceTypes.NAMESPACES) {
            ObjectNode spec = node.with("spec");
            if (!spec.has("finalizers")) {
                spec.putArray("finalizers").add("kubernetes");
            }
            node.with("status").put("phase", "Active");
        }
        meta.put("resourceVersion", Long.toString(++revision));
        table(rt).put(key(rt, namespace, name), node);
        actions.add(new Action("create", rt.plural(), namespace, name));
        watches.record(rt, EventType.ADDED, node, null, revision);
        return (T) Json.convert(node, object.getClass());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> T update(T object) {
        ResourceType rt = types.byClass(object.getClass());
        return (T) Json.convert(replace(rt, Json.tree(object), Part.MAIN), object.getClass());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> T updateStatus(T object) {
        ResourceType rt = types.byClass(object.getClass());
        return (T) Json.convert(replace(rt, Json.tree(object), Part.STATUS), object.getClass());
    }

    @Override
    public synchronized <T extends HasMetadata> T patch(Class<T> type, String namespace, String name,
            PatchType patchType, String body, String subresource) {
        ResourceType rt = types.byClass(type);
        ObjectNode existing = existing(rt, namespace, name);
        if (patchType == PatchType.APPLY) {
            throw ApiException.unsupportedMediaType("server-side apply is not supported by the fake");
        }
        ObjectNode patched = patchType == PatchType.JSON
                ? JsonPatch.apply(existing.deepCopy(), Json.parse(body))
                : (ObjectNode) MergePatch.apply(existing.deepCopy(), Json.parse(body));
        Part part = subresource == null ? Part.MAIN : switch (subresource) {
            case "status" -> Part.STATUS;
            case "finalize" -> Part.FINALIZE;
            default -> throw ApiException.notFound(rt.qualifiedName() + "/" + subresource, rt.group(), name);
        };
        return Json.convert(replace(rt, patched, part), type);
    }

    @Override
    public synchronized boolean delete(Class<? extends HasMetadata> type, String namespace, String name,
            DeleteOptions options) {
        ResourceType rt = types.byClass(type);
        String key = key(rt, namespace, name);
        ObjectNode existing = table(rt).get(key);
        if (existing == null) {
            return false;
        }
        DeleteOptions opts = options == null ? DeleteOptions.DEFAULT : options;
        ObjectNode meta = (ObjectNode) existing.get("metadata");
        if (opts.preconditionUid() != null && !opts.preconditionUid().equals(text(meta, "uid"))) {
            throw ApiException.conflict(rt.qualifiedName(), rt.group(), name, "Precondition failed: UID in precondition: "
                    + opts.preconditionUid() + ", UID in object meta: " + text(meta, "uid"));
        }
        if (opts.preconditionResourceVersion() != null
                && !opts.preconditionResourceVersion().equals(text(meta, "resourceVersion"))) {
            throw ApiException.conflict(rt.qualifiedName(), rt.group(), name,
                    "Precondition failed: ResourceVersion in precondition: " + opts.preconditionResourceVersion()
                            + ", ResourceVersion in object meta: " + text(meta, "resourceVersion"));
        }
        actions.add(new Action("delete", rt.plural(), namespaceOf(rt, meta), name));
        ObjectNode node = existing.deepCopy();
        ObjectNode m = node.with("metadata");
        String policy = opts.propagationPolicy();
        if ("Foreground".equals(policy)) {
            addFinalizer(m, "foregroundDeletion");
        } else if ("Orphan".equals(policy)) {
            addFinalizer(m, "orphan");
        }
        boolean graceful = rt == ResourceTypes.PODS && gracefulPodDeletion && !text(node.path("spec"), "nodeName").isEmpty()
                && !Long.valueOf(0).equals(opts.gracePeriodSeconds()) && !m.has("deletionTimestamp");
        boolean namespaceFinalizers = rt == ResourceTypes.NAMESPACES && node.path("spec").path("finalizers").size() > 0;
        if (graceful || namespaceFinalizers || m.path("finalizers").size() > 0) {
            if (!m.has("deletionTimestamp")) {
                m.put("deletionTimestamp", timestamp());
                m.put("deletionGracePeriodSeconds", graceful ? graceSeconds(node, opts) : 0);
            }
            if (rt == ResourceTypes.NAMESPACES) {
                node.with("status").put("phase", "Terminating");
            }
            if (!node.equals(existing)) {
                store(rt, key, node, existing);
            }
            return true;
        }
        remove(rt, key, node);
        return true;
    }

    @Override
    public synchronized <T extends HasMetadata> WatchHandle watch(Class<T> type, ListOptions options,
            WatchListener<T> listener) {
        ResourceType rt = types.byClass(type);
        String rv = options.resourceVersion();
        List<ObjectNode> initial = new ArrayList<>();
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            initial.addAll(table(rt).values());
            rv = Long.toString(revision);
        }
        return watches.add(rt, type, Filter.of(rt, options), listener, Long.parseLong(rv), initial);
    }

    // ---- internals

    private enum Part { MAIN, STATUS, FINALIZE }

    private ObjectNode replace(ResourceType rt, ObjectNode incoming, Part part) {
        ObjectNode inMeta = incoming.with("metadata");
        String namespace = namespaceOf(rt, inMeta);
        String name = text(inMeta, "name");
        String key = key(rt, namespace, name);
        ObjectNode existing = existing(rt, namespace, name);
        ObjectNode oldMeta = (ObjectNode) existing.get("metadata");
        String rv = text(inMeta, "resourceVersion");
        if (!rv.isEmpty() && !rv.equals(text(oldMeta, "resourceVersion"))) {
            throw ApiException.conflict(rt.qualifiedName(), rt.group(), name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        ObjectNode node;
        if (part == Part.MAIN) {
            node = incoming.deepCopy();
            node.put("apiVersion", rt.apiVersion());
            node.put("kind", rt.kind());
            ObjectNode meta = node.with("metadata");
            for (String kept : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                    "generation", "namespace")) {
                copyField(oldMeta, meta, kept);
            }
            if (rt.hasStatus()) {
                copyField(existing, node, "status");
            }
            if (rt == ResourceTypes.NAMESPACES) {
                node.with("spec").set("finalizers", existing.path("spec").path("finalizers").deepCopy());
            }
            if (!specOf(node).equals(specOf(existing))) {
                meta.put("generation", oldMeta.path("generation").asLong(0) + 1);
            }
        } else {
            node = existing.deepCopy();
            if (part == Part.STATUS) {
                copyField(incoming, node, "status");
            } else {
                ArrayNode finalizers = node.with("spec").putArray("finalizers");
                incoming.path("spec").path("finalizers").forEach(finalizers::add);
            }
        }
        node.with("metadata").put("resourceVersion", text(oldMeta, "resourceVersion"));
        if (node.equals(existing)) {
            return existing;
        }
        actions.add(new Action(part == Part.MAIN ? "update" : "update/" + part.name().toLowerCase(java.util.Locale.ROOT),
                rt.plural(), namespace, name));
        ObjectNode meta = node.with("metadata");
        boolean finalized = meta.has("deletionTimestamp") && meta.path("finalizers").isEmpty()
                && !(rt == ResourceTypes.NAMESPACES && node.path("spec").path("finalizers").size() > 0);
        if (finalized) {
            remove(rt, key, node);
            return node;
        }
        store(rt, key, node, existing);
        return node;
    }

    private void store(ResourceType rt, String key, ObjectNode node, ObjectNode old) {
        node.with("metadata").put("resourceVersion", Long.toString(++revision));
        table(rt).put(key, node);
        watches.record(rt, EventType.MODIFIED, node, old, revision);
    }

    private void remove(ResourceType rt, String key, ObjectNode node) {
        table(rt).remove(key);
        node.with("metadata").put("resourceVersion", Long.toString(++revision));
        watches.record(rt, EventType.DELETED, node, null, revision);
    }

    private ObjectNode existing(ResourceType rt, String namespace, String name) {
        ObjectNode node = table(rt).get(key(rt, namespace, name));
        if (node == null) {
            throw ApiException.notFound(rt.qualifiedName(), rt.group(), name);
        }
        return node;
    }

    private TreeMap<String, ObjectNode> table(ResourceType rt) {
        return objects.computeIfAbsent(rt, t -> new TreeMap<>());
    }

    private static String key(ResourceType rt, String namespace, String name) {
        return rt.namespaced() ? (namespace == null ? "" : namespace) + "/" + name : name;
    }

    private static String namespaceOf(ResourceType rt, ObjectNode meta) {
        if (!rt.namespaced()) {
            meta.remove("namespace");
            return null;
        }
        String ns = text(meta, "namespace");
        if (ns.isEmpty()) {
            throw ApiException.badRequest("an empty namespace may not be set during creation or update of "
                    + rt.qualifiedName());
        }
        return ns;
    }

    private static JsonNode specOf(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove(List.of("metadata", "status", "kind", "apiVersion"));
        return copy;
    }

    private static void copyField(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        } else {
            to.remove(field);
        }
    }

    private static void addFinalizer(ObjectNode meta, String finalizer) {
        ArrayNode list = meta.withArray("finalizers");
        for (JsonNode f : list) {
            if (f.asText().equals(finalizer)) {
                return;
            }
        }
        list.add(finalizer);
    }

    private static long graceSeconds(ObjectNode pod, DeleteOptions opts) {
        if (opts.gracePeriodSeconds() != null) {
            return opts.gracePeriodSeconds();
        }
        return pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    }

    private String timestamp() {
        Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
        return now.toString();
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static io.fabric8.kubernetes.api.model.StatusCause cause(String field, String message) {
        return new io.fabric8.kubernetes.api.model.StatusCauseBuilder().withField(field).withMessage(message)
                .withReason("FieldValueRequired").build();
    }
}
