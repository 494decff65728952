package dev.wharf.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An object as read from the store: its JSON tree (resourceVersion filled in) and its key's mod revision. */
public record StoredObject(String key, ObjectNode object, long modRevision) {
}
