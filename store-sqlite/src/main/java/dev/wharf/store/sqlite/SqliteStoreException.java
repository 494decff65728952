package dev.wharf.store.sqlite;

/** SQLite failed (I/O error, disk full, corrupt file); the operation did not happen. */
public class SqliteStoreException extends RuntimeException {
    public SqliteStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
