package dev.wharf.store.sqlite;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database layout: an append-only revision log, an index of the live keys, and two counters.
 *
 * <pre>
 *   log  (id = revision &lt;&lt; 16 | op, name, create_revision, prev_revision, version, deleted, value)
 *   kv   (name → id of its latest log row)        live keys only; get/range join it to log
 *   meta (revision, compacted)                    written in the same transaction as the rows
 * </pre>
 * Encoding the revision in the row id keeps the log ordered by (revision, op) and makes revision ranges primary-key
 * ranges. A transaction has at most 65,536 events (TxnEvaluator caps ops far below that).
 */
final class Schema {
    static final int OP_BITS = 16;

    private static final String[] DDL = {
        """
        CREATE TABLE IF NOT EXISTS log (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          create_revision INTEGER NOT NULL,
          prev_revision INTEGER NOT NULL,
          version INTEGER NOT NULL,
          deleted INTEGER NOT NULL,
          value BLOB NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS log_name ON log(name)",
        "CREATE TABLE IF NOT EXISTS kv (name TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
        "INSERT OR IGNORE INTO meta(name, value) VALUES ('revision', 1), ('compacted', 0), ('schema', 1)",
    };

    private Schema() {
    }

    /** A connection in WAL mode where a commit returns only after its WAL frames are fsynced. */
    static Connection connect(Path dbFile) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        config.setCacheSize(-16_000); // KiB
        Connection c = config.createConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
        c.setAutoCommit(false);
        return c;
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.executeUpdate(ddl);
            }
        }
        c.commit();
    }

    static long id(long revision, int op) {
        return revision << OP_BITS | op;
    }

    static long revisionOf(long id) {
        return id >>> OP_BITS;
    }

    /** The first row id of {@code revision}. */
    static long firstId(long revision) {
        return id(revision, 0);
    }
}
