package dev.wharf.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.apiserver.registry.ObjectCodec;
import dev.wharf.apiserver.rest.Selection;
import dev.wharf.spi.store.WatchEvent;

/**
 * Turns a store change into the watch event a selecting client sees: an object entering the selection is ADDED,
 * one leaving it is DELETED, one staying in it is MODIFIED; changes outside it are dropped (null).
 */
final class EventFilter {
    private final Selection selection;

    EventFilter(Selection selection) {
        this.selection = selection;
    }

    record Out(String type, ObjectNode object) {
    }

    Out convert(WatchEvent event) {
        long rev = event.kv().modRevision();
        if (event.type() == WatchEvent.Type.DELETE) {
            if (event.prevKv() == null) {
                return null;
            }
            ObjectNode old = ObjectCodec.decode(event.prevKv().value(), rev);
            return selection.matches(old) ? new Out("DELETED", old) : null;
        }
        ObjectNode now = ObjectCodec.decode(event.kv().value(), rev);
        boolean inNow = selection.matches(now);
        boolean existed = event.prevKv() != null && event.prevKv().value() != null && event.prevKv().value().length > 0;
        boolean inBefore = existed && (selection.everything()
                || selection.matches(ObjectCodec.decode(event.prevKv().value(), event.prevKv().modRevision())));
        if (inNow) {
            return new Out(inBefore ? "MODIFIED" : "ADDED", now);
        }
        return inBefore ? new Out("DELETED", now) : null;
    }
}
