package dev.wharf.spi.store;

/**
 * Ends a watch (through {@link Store.WatchListener#onClose}) whose listener consumed events more slowly than the
 * store wrote them, beyond the store's window of recent events. The watcher should re-watch from the last revision
 * it processed (the store replays from its log) or re-list. Writers are never slowed down by watchers.
 */
public class WatchFellBehindException extends RuntimeException {
    public WatchFellBehindException(String message) {
        super(message);
    }
}
