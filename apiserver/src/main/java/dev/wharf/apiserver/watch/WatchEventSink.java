package dev.wharf.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a watch delivers: an HTTP stream or an in-process listener. */
public interface WatchEventSink {
    /** type is ADDED, MODIFIED, DELETED, BOOKMARK or ERROR. Throwing ends the watch. */
    void send(String type, ObjectNode object) throws Exception;

    /** False once the receiver went away (client closed the connection). */
    default boolean isOpen() {
        return true;
    }
}
