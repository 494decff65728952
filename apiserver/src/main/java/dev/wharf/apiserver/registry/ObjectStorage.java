package dev.wharf.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.spi.store.KeyValue;
import dev.wharf.spi.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed access to objects in the Store: JSON in, JSON out, resourceVersion = mod revision. */
public final class ObjectStorage {
    private final Store store;

    public ObjectStorage(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    public Optional<StoredObject> get(String key) {
        return store.get(key).map(ObjectCodec::decode);
    }

    /** Creates the object at {@code key}; empty when the key exists. */
    public Optional<StoredObject> create(String key, ObjectNode object) {
        return store.create(key, ObjectCodec.encode(object)).map(kv -> stored(kv, object));
    }

    /** Replaces the object if the key is still at {@code expectedModRevision}; empty on a lost race. */
    public Optional<StoredObject> update(String key, ObjectNode object, long expectedModRevision) {
        return store.update(key, ObjectCodec.encode(object), expectedModRevision).map(kv -> stored(kv, object));
    }

    /** Deletes the key if it is still at {@code expectedModRevision}. */
    public boolean delete(String key, long expectedModRevision) {
        return store.delete(key, expectedModRevision).isPresent();
    }

    public Page range(String prefix, String startAfter, int limit) {
        Store.RangeResult r = store.range(prefix, startAfter, limit);
        List<StoredObject> items = new ArrayList<>(r.kvs().size());
        for (KeyValue kv : r.kvs()) {
            items.add(ObjectCodec.decode(kv));
        }
        return new Page(items, r.revision(), r.more());
    }

    private static StoredObject stored(KeyValue kv, ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        Meta.of(copy).put("resourceVersion", Long.toString(kv.modRevision()));
        return new StoredObject(kv.key(), copy, kv.modRevision());
    }

    /** One range read. */
    public record Page(List<StoredObject> items, long revision, boolean more) {
    }
}
