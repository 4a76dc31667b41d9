package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * Engine nodes, their heartbeats and leases (tables engine_node, engine_lease, host_monitor_lease): what lets
 * several engine nodes share one database without two of them watching the same host or running the same
 * cluster-wide work. Every decision is taken in the stored procedures, on PostgreSQL's clock.
 */
public class EngineClusterDao {
    /** A node as the database knows it. */
    public record Node(String id, String apiUrl, Instant startedAt, Instant heartbeat, boolean alive) {
    }

    /** A cluster-wide lease and its holder (null when free or expired). */
    public record Lease(String name, String owner, long epoch) {
    }

    private final StoredProcedureCaller caller;

    public EngineClusterDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    /** The node is alive for another {@code ttlMillis}; returns the configuration's version (it moves on every change). */
    public long heartbeat(String nodeId, String apiUrl, int ttlMillis, boolean starting) {
        Long version = caller.executeFunction("EngineNodeHeartbeat", Long.class, nodeId, apiUrl, ttlMillis, starting);
        return version == null ? 0 : version;
    }

    /** The node stops: its leases are free at once and it no longer counts as alive. */
    public void stopped(String nodeId) {
        caller.executeModification("EngineNodeStopped", nodeId);
    }

    /** Renews, gives back and takes host leases for the node's fair share; returns the hosts it watches now. */
    public Set<UUID> claimHostLeases(String nodeId, int ttlMillis) {
        return new LinkedHashSet<>(caller.executeReadList("ClaimHostMonitorLeases",
                rs -> rs.getObject(1, UUID.class), nodeId, ttlMillis));
    }

    /** Whether the node holds the cluster-wide lease {@code name} now (renewed or taken). */
    public boolean tryLease(String name, String nodeId, int ttlMillis) {
        return Boolean.TRUE.equals(caller.executeFunction("TryEngineLease", Boolean.class, name, nodeId, ttlMillis));
    }

    public List<Node> getAllNodes() {
        return caller.executeReadList("GetAllEngineNodes", EngineClusterDao::mapNode);
    }

    /** The live node watching each host; hosts whose lease is free or expired are absent. */
    public Map<UUID, String> getHostMonitorOwners() {
        return caller.executeReadList("GetHostMonitorOwners",
                rs -> Map.entry(StoredProcedureCaller.getUuid(rs, "vds_id"), rs.getString("owner"))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The node watching this host now, or null when none does (no node up, or its lease ran out). */
    public String getHostMonitorOwner(UUID vdsId) {
        return caller.executeFunction("GetHostMonitorOwner", String.class, vdsId);
    }

    public List<Lease> getLeases() {
        return caller.executeReadList("GetEngineLeases", rs -> new Lease(rs.getString("name"), rs.getString("owner"), rs.getLong("epoch")));
    }

    private static Node mapNode(ResultSet rs) throws SQLException {
        return new Node(rs.getString("node_id"), rs.getString("api_url"), StoredProcedureCaller.getInstant(rs, "started_at"),
                StoredProcedureCaller.getInstant(rs, "heartbeat"), rs.getBoolean("alive"));
    }
}
