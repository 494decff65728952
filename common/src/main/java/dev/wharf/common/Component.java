package dev.wharf.common;

import java.time.Duration;

/** Something the composition root starts and stops: a server, a controller manager, an agent. */
public interface Component extends AutoCloseable {
    String name();

    void start() throws Exception;

    /** Blocks until the component serves, or throws when it cannot within the timeout. */
    default void awaitReady(Duration timeout) throws Exception {
    }

    void stop() throws Exception;

    @Override
    default void close() throws Exception {
        stop();
    }
}
