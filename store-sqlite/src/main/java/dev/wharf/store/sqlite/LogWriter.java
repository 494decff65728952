package dev.wharf.store.sqlite;

import dev.wharf.spi.store.KeyValue;
import dev.wharf.spi.store.WatchEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The write side of the log, on the single writer connection. Every call runs inside the writer's open transaction. */
final class LogWriter implements AutoCloseable {
    private static final byte[] EMPTY = new byte[0];

    private final Connection conn;
    private final PreparedStatement current;
    private final PreparedStatement insertLog;
    private final PreparedStatement upsertKv;
    private final PreparedStatement deleteKv;
    private final PreparedStatement setMeta;
    private final PreparedStatement readMeta;
    private final PreparedStatement compactSuperseded;
    private final PreparedStatement compactTombstones;

    LogWriter(Connection conn) throws SQLException {
        this.conn = conn;
        this.current = conn.prepareStatement(
                "SELECT l.id, l.create_revision, l.version, l.value FROM kv JOIN log l ON l.id = kv.id WHERE kv.name = ?");
        this.insertLog = conn.prepareStatement(
                "INSERT INTO log(id, name, create_revision, prev_revision, version, deleted, value) VALUES (?,?,?,?,?,?,?)");
        this.upsertKv = conn.prepareStatement(
                "INSERT INTO kv(name, id) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET id = excluded.id");
        this.deleteKv = conn.prepareStatement("DELETE FROM kv WHERE name = ?");
        this.setMeta = conn.prepareStatement("UPDATE meta SET value = ? WHERE name = ?");
        this.readMeta = conn.prepareStatement("SELECT value FROM meta WHERE name = ?");
        // A row is superseded when a later row of its key exists; that later row's prev_revision points at it.
        this.compactSuperseded = conn.prepareStatement("""
                DELETE FROM log WHERE id IN (SELECT p.id FROM log n JOIN log p ON p.name = n.name
                  AND p.id >= (n.prev_revision << 16) AND p.id < ((n.prev_revision + 1) << 16)
                  WHERE n.id >= ?1 AND n.id < ?2 AND n.prev_revision > 0)""");
        this.compactTombstones = conn.prepareStatement("DELETE FROM log WHERE id >= ? AND id < ? AND deleted = 1");
    }

    /** The live value of {@code key}, or null. */
    KeyValue current(String key) throws SQLException {
        current.setString(1, key);
        try (ResultSet rs = current.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new KeyValue(key, rs.getBytes(4), rs.getLong(2), Schema.revisionOf(rs.getLong(1)), rs.getLong(3));
        }
    }

    /** Appends the events of one revision and updates the live-key index. */
    void append(long revision, List<WatchEvent> events) throws SQLException {
        int op = 0;
        for (WatchEvent e : events) {
            long id = Schema.id(revision, op++);
            KeyValue kv = e.kv();
            boolean deleted = e.type() == WatchEvent.Type.DELETE;
            insertLog.setLong(1, id);
            insertLog.setString(2, kv.key());
            insertLog.setLong(3, kv.createRevision());
            insertLog.setLong(4, e.prevKv() == null ? 0 : e.prevKv().modRevision());
            insertLog.setLong(5, kv.version());
            insertLog.setInt(6, deleted ? 1 : 0);
            insertLog.setBytes(7, deleted ? EMPTY : kv.value());
            insertLog.executeUpdate();
            if (deleted) {
                deleteKv.setString(1, kv.key());
                deleteKv.executeUpdate();
            } else {
                upsertKv.setString(1, kv.key());
                upsertKv.setLong(2, id);
                upsertKv.executeUpdate();
            }
        }
    }

    /**
     * Compacts the revisions in (from, to]: drops every row that a row in that range supersedes, then the deletion
     * rows of the range. What stays is, per key, its latest row at or below {@code to} unless that is a deletion:
     * the live values, and the prevKv of every later event. The work is proportional to the range, not the log.
     */
    void compact(long from, long to) throws SQLException {
        long lo = Schema.firstId(from + 1);
        long hi = Schema.firstId(to + 1);
        compactSuperseded.setLong(1, lo);
        compactSuperseded.setLong(2, hi);
        compactSuperseded.executeUpdate();
        compactTombstones.setLong(1, lo);
        compactTombstones.setLong(2, hi);
        compactTombstones.executeUpdate();
    }

    void setMeta(String name, long value) throws SQLException {
        setMeta.setLong(1, value);
        setMeta.setString(2, name);
        setMeta.executeUpdate();
    }

    long meta(String name) throws SQLException {
        readMeta.setString(1, name);
        try (ResultSet rs = readMeta.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("meta row missing: " + name);
            }
            return rs.getLong(1);
        }
    }

    void commit() throws SQLException {
        conn.commit();
    }

    void rollback() {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the connection is unusable; the next batch reports the error
        }
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
