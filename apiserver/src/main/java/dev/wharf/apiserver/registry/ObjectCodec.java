package dev.wharf.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
import dev.wharf.spi.store.KeyValue;
import java.io.IOException;

/**
 * Objects are stored as JSON bytes without a resourceVersion; the resourceVersion a client sees is the key's
 * mod revision, filled in on the way out.
 */
public final class ObjectCodec {
    private ObjectCodec() {
    }

    public static byte[] encode(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode meta) {
            meta.remove("resourceVersion");
        }
        return Json.bytes(copy);
    }

    public static StoredObject decode(KeyValue kv) {
        return new StoredObject(kv.key(), decode(kv.value(), kv.modRevision()), kv.modRevision());
    }

    public static ObjectNode decode(byte[] value, long modRevision) {
        try {
            ObjectNode object = (ObjectNode) Json.MAPPER.readTree(value);
            Meta.of(object).put("resourceVersion", Long.toString(modRevision));
            return object;
        } catch (IOException | ClassCastException e) {
            throw ApiException.internal("stored object is not valid JSON: " + e.getMessage());
        }
    }
}
