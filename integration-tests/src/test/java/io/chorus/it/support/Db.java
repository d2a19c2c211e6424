package io.chorus.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only look into the test PostgreSQL, to prove that a rejected request changed nothing.
 * Tests never write through it: their data comes through the API like a client's.
 */
public final class Db {
    // device_connection is left out: sockets of earlier tests may still be closing.
    private static final List<String> TABLES = List.of("app_user", "device", "conversation", "message", "delivery",
            "conversation_read", "friend_request", "friendship", "denylist");

    private Db() {
    }

    public static Connection connect() throws SQLException {
        String port = System.getProperty("chorus.pg.port", "15432");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/chorus", "chorus", "chorus");
    }

    public static long count(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement; the count of rows it changed. */
    public static int execute(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Row counts and a content checksum of every table. Two equal snapshots mean nothing was
     * inserted, deleted or updated in between (as long as no other test writes meanwhile; the
     * suite runs its classes one after another).
     */
    public static Map<String, String> snapshot() {
        Map<String, String> result = new LinkedHashMap<>();
        try (Connection c = connect()) {
            for (String table : TABLES) {
                try (PreparedStatement st = c.prepareStatement(
                        "select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from " + table + " t");
                     ResultSet rs = st.executeQuery()) {
                    rs.next();
                    result.put(table, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /**
     * {@link #snapshot()} of every table of the schema, found at run time, but those named in
     * {@code leftOut}, Flyway's history and the node leases with their figures ({@code cluster_node*}:
     * each node rewrites its rows every few seconds, whatever a test does — its push counters restart
     * with each deployment): the whole state a refused input must leave unchanged.
     */
    public static Map<String, String> snapshotAll(java.util.Collection<String> leftOut) {
        Map<String, String> result = new java.util.TreeMap<>();
        try (Connection c = connect()) {
            List<String> tables = new java.util.ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                if (leftOut.contains(table) || table.startsWith("flyway") || table.startsWith("cluster_node")) {
                    continue;
                }
                try (PreparedStatement st = c.prepareStatement("select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' "
                        + "order by t::text)), '') from \"" + table + "\" t");
                     ResultSet rs = st.executeQuery()) {
                    rs.next();
                    result.put(table, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }
}
