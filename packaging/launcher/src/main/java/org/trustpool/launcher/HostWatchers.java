package org.trustpool.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which engine node watches how many hosts, as the nodes' leases in PostgreSQL say (GetHostMonitorOwners:
 * live leases only). For the summary the launcher prints; the engine itself decides who watches what.
 */
final class HostWatchers {

    private HostWatchers() {
    }

    /**
     * @return hosts watched per node name; empty when nothing is claimed yet or the schema has no leases
     *         (a summary line is not worth failing a started system for)
     */
    static Map<String, Integer> count(Database db) {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), ExternalDatabase.properties(db.user(), db.password()));
             PreparedStatement ps = c.prepareStatement("select owner, count(*) from GetHostMonitorOwners() group by owner");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            return Map.of();
        }
        return counts;
    }
}
