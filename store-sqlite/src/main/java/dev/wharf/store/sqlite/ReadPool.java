package dev.wharf.store.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A few read connections shared by readers and watch replays; a reader waits when all are busy. */
final class ReadPool implements AutoCloseable {
    @FunctionalInterface
    interface ReadOp<T> {
        T run(Reader reader) throws SQLException;
    }

    private final BlockingQueue<Reader> idle;
    private final List<Reader> all = new ArrayList<>();
    private volatile boolean closed;

    ReadPool(Path dbFile, int size) throws SQLException {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Reader r = new Reader(Schema.connect(dbFile));
            all.add(r);
            idle.add(r);
        }
    }

    <T> T read(String what, ReadOp<T> op) {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        Reader r = null;
        try {
            while (r == null) {
                if (closed) {
                    throw new IllegalStateException("store is closed");
                }
                r = idle.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a read connection", e);
        }
        try {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            return op.run(r);
        } catch (SQLException e) {
            throw new SqliteStoreException(what + " failed", e);
        } finally {
            idle.add(r);
        }
    }

    /** Closes the connections once every borrowed one is back. */
    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < all.size(); i++) {
            try {
                Reader r = idle.take();
                r.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
