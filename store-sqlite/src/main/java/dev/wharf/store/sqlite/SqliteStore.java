package dev.wharf.store.sqlite;

import dev.wharf.spi.store.CompactedException;
import dev.wharf.spi.store.KeyValue;
import dev.wharf.spi.store.Store;
import dev.wharf.spi.store.Txn;
import dev.wharf.spi.store.TxnResult;
import dev.wharf.spi.store.support.Keys;
import dev.wharf.spi.store.support.TxnEvaluator;
import dev.wharf.spi.store.support.WatchHub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The embedded Store: a revision log in one SQLite file (WAL, fsync on commit).
 *
 * <pre>
 *   txn() ──queue──► writer thread: batch → one SQLite transaction → fsync → WatchHub.append → complete callers
 *   get/range/count ──► read connections (WAL snapshots, concurrent with the writer)
 *   watch() ──► WatchHub ring (recent events) ◄── older events replayed from the log first
 * </pre>
 */
public final class SqliteStore implements Store {
    /** Read connections; SQLite readers in WAL mode do not block the writer or each other. */
    static final int READERS = 4;
    /** Revisions compacted per writer batch. */
    static final long COMPACT_CHUNK = 10_000;

    private final Path dbFile;
    private final GroupCommitWriter writer;
    private final ReadPool readers;
    private final WatchHub hub;
    private final LogWriter log;
    private volatile boolean closed;

    private SqliteStore(Path dbFile, int watchWindow, long compactChunk) throws SQLException {
        this.dbFile = dbFile;
        Connection conn = Schema.connect(dbFile);
        Schema.create(conn);
        this.log = new LogWriter(conn);
        long revision = log.meta("revision");
        long compacted = log.meta("compacted");
        conn.commit();
        this.readers = new ReadPool(dbFile, READERS);
        this.hub = new WatchHub(watchWindow, revision,
                (prefix, after, upto) -> readers.read("reading history", r -> r.history(prefix, after, upto)));
        this.writer = new GroupCommitWriter(log, hub, revision, compacted, compactChunk);
        writer.start();
    }

    /** Opens (creating it and its directories if needed) the store in {@code dbFile}. */
    public static SqliteStore open(Path dbFile) {
        return open(dbFile, WatchHub.DEFAULT_WINDOW);
    }

    /** @param watchWindow recent events served to watches from memory before they count as fallen behind */
    public static SqliteStore open(Path dbFile, int watchWindow) {
        return open(dbFile, watchWindow, COMPACT_CHUNK);
    }

    static SqliteStore open(Path dbFile, int watchWindow, long compactChunk) {
        try {
            Path parent = dbFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new SqliteStore(dbFile, watchWindow, compactChunk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + dbFile, e);
        } catch (SQLException e) {
            throw new SqliteStoreException("cannot open SQLite store " + dbFile, e);
        }
    }

    public Path file() {
        return dbFile;
    }

    /** Group-commit statistics since open (commits, transactions, average batch). */
    public BatchStats batchStats() {
        return writer.stats();
    }

    @Override
    public long currentRevision() {
        ensureOpen();
        return writer.revision();
    }

    @Override
    public long compactedRevision() {
        ensureOpen();
        return writer.compacted();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        Keys.check(key);
        return Optional.ofNullable(readers.read("get " + key, r -> r.get(key)));
    }

    @Override
    public RangeResult range(String prefix, String startAfter, int limit) {
        Keys.checkPrefix(prefix);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return readers.read("range " + prefix, r -> r.range(prefix, startAfter, limit));
    }

    @Override
    public long count(String prefix) {
        Keys.checkPrefix(prefix);
        return readers.read("count " + prefix, r -> r.count(prefix));
    }

    @Override
    public TxnResult txn(Txn txn) {
        TxnEvaluator.validate(txn);
        return writer.txn(txn);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        Keys.checkPrefix(prefix);
        if (listener == null) {
            throw new IllegalArgumentException("watch listener must not be null");
        }
        long compacted = compactedRevision();
        if (afterRevision < compacted) {
            throw new CompactedException(afterRevision, compacted);
        }
        return hub.watch(prefix, afterRevision, listener);
    }

    @Override
    public void compact(long revision) {
        writer.compact(revision);
    }

    /** Commits what is queued, ends the watches, closes the database. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        writer.close();
        hub.close();
        readers.close();
        try {
            log.close();
        } catch (SQLException e) {
            throw new SqliteStoreException("closing " + dbFile + " failed", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }
}
