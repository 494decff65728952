package dev.wharf.store.sqlite;

import dev.wharf.spi.store.CompactedException;
import dev.wharf.spi.store.KeyValue;
import dev.wharf.spi.store.Store;
import dev.wharf.spi.store.WatchEvent;
import dev.wharf.spi.store.support.Keys;
import dev.wharf.spi.store.support.TxnEvaluator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One read connection. Each call is one read transaction, so its rows and the revision it reports come from the same
 * WAL snapshot; WAL lets it run while the writer commits.
 */
final class Reader implements AutoCloseable {
    private static final String LIVE = "SELECT kv.name, l.id, l.create_revision, l.version, l.value FROM kv JOIN log l ON l.id = kv.id";
    private static final String HISTORY = """
            SELECT l.id, l.name, l.create_revision, l.prev_revision, l.version, l.deleted, l.value,
                   p.create_revision, p.version, p.value
            FROM log l LEFT JOIN log p ON l.prev_revision > 0 AND p.name = l.name
                 AND p.id >= (l.prev_revision << 16) AND p.id < ((l.prev_revision + 1) << 16)
            WHERE l.id >= ? AND l.id < ? AND +l.name >= ?""";

    private final Connection conn;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Reader(Connection conn) {
        this.conn = conn;
    }

    KeyValue get(String key) throws SQLException {
        try {
            PreparedStatement s = statement(LIVE + " WHERE kv.name = ?");
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? live(rs) : null;
            }
        } finally {
            conn.commit();
        }
    }

    Store.RangeResult range(String prefix, String startAfter, int limit) throws SQLException {
        try {
            long revision = meta("revision");
            String end = Keys.prefixEnd(prefix);
            boolean afterStart = startAfter != null && Keys.compare(startAfter, prefix) >= 0;
            String sql = LIVE + " WHERE kv.name " + (afterStart ? "> ?" : ">= ?") + (end == null ? "" : " AND kv.name < ?")
                    + " ORDER BY kv.name LIMIT ?";
            PreparedStatement s = statement(sql);
            int i = 1;
            s.setString(i++, afterStart ? startAfter : prefix);
            if (end != null) {
                s.setString(i++, end);
            }
            s.setInt(i, limit == 0 ? -1 : limit + 1);
            List<KeyValue> kvs = new ArrayList<>();
            boolean more = false;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (limit > 0 && kvs.size() == limit) {
                        more = true;
                        break;
                    }
                    kvs.add(live(rs));
                }
            }
            return new Store.RangeResult(List.copyOf(kvs), revision, more);
        } finally {
            conn.commit();
        }
    }

    long count(String prefix) throws SQLException {
        try {
            String end = Keys.prefixEnd(prefix);
            PreparedStatement s = statement("SELECT count(*) FROM kv WHERE name >= ?" + (end == null ? "" : " AND name < ?"));
            s.setString(1, prefix);
            if (end != null) {
                s.setString(2, end);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } finally {
            conn.commit();
        }
    }

    /** Logged events under {@code prefix} in (afterRevision, uptoRevision], in order, with prevKv. */
    List<WatchEvent> history(String prefix, long afterRevision, long uptoRevision) throws SQLException {
        try {
            long compacted = meta("compacted");
            if (afterRevision < compacted) {
                throw new CompactedException(afterRevision, compacted);
            }
            String end = Keys.prefixEnd(prefix);
            PreparedStatement s = statement(HISTORY + (end == null ? "" : " AND +l.name < ?") + " ORDER BY l.id");
            s.setLong(1, Schema.firstId(afterRevision + 1));
            s.setLong(2, Schema.firstId(uptoRevision + 1));
            s.setString(3, prefix);
            if (end != null) {
                s.setString(4, end);
            }
            List<WatchEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                }
            }
            return events;
        } finally {
            conn.commit();
        }
    }

    private static WatchEvent event(ResultSet rs) throws SQLException {
        String key = rs.getString(2);
        long revision = Schema.revisionOf(rs.getLong(1));
        long prevRevision = rs.getLong(4);
        byte[] prevValue = rs.getBytes(10);
        KeyValue prev = prevValue == null ? null : new KeyValue(key, prevValue, rs.getLong(8), prevRevision, rs.getLong(9));
        if (rs.getInt(6) == 1) {
            return new WatchEvent(WatchEvent.Type.DELETE, TxnEvaluator.tombstone(key, revision), prev);
        }
        KeyValue kv = new KeyValue(key, rs.getBytes(7), rs.getLong(3), revision, rs.getLong(5));
        return new WatchEvent(WatchEvent.Type.PUT, kv, prev);
    }

    private long meta(String name) throws SQLException {
        PreparedStatement s = statement("SELECT value FROM meta WHERE name = ?");
        s.setString(1, name);
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("meta row missing: " + name);
            }
            return rs.getLong(1);
        }
    }

    private static KeyValue live(ResultSet rs) throws SQLException {
        return new KeyValue(rs.getString(1), rs.getBytes(5), rs.getLong(3), Schema.revisionOf(rs.getLong(2)), rs.getLong(4));
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement s = statements.get(sql);
        if (s == null) {
            s = conn.prepareStatement(sql);
            statements.put(sql, s);
        }
        return s;
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
