package org.trustpool.bll.cluster;

import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import org.trustpool.bll.EngineConfig;
import org.trustpool.dal.EngineClusterDao;

/**
 * This node's place among the engine nodes sharing the database: it says it is alive, holds the leases of the
 * hosts it watches (its fair share of all hosts) and, when it holds it, the lease of the cluster-wide
 * re-attestation schedule. Renewed once per monitoring period ({@link #renew()}, from HostMonitoring); every
 * lease lives {@link #LEASE_PERIODS} periods, so when a node dies the others take its hosts within three
 * periods (two for its leases to run out, at most one more until their next renewal).
 *
 * <p>With one node this is the same as before: it watches every host and runs the re-attestation schedule.
 * The leases decide who does the periodic work; every state change itself is still a compare-and-set in the
 * database, so a node that lost a lease while it stalled (a long GC pause) cannot undo another node's work.
 */
public class ClusterMembership {
    private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());
    /** The lease of the spread re-attestation (TrustMonitoring): one node re-attests, so P1 holds cluster-wide. */
    public static final String REATTESTATION = "reattestation";
    /** How many monitoring periods a lease lasts without renewal. */
    static final int LEASE_PERIODS = 2;

    private final EngineNode node;
    private final EngineClusterDao dao;
    private final EngineConfig config;
    private volatile Set<UUID> watched = Set.of();
    private volatile boolean reattestationLeader;
    private long configVersion = -1;
    private boolean started;
    private String lastProblem;

    public ClusterMembership(EngineNode node, EngineClusterDao dao, EngineConfig config) {
        this.node = node;
        this.dao = dao;
        this.config = config;
    }

    public EngineNode node() {
        return node;
    }

    /**
     * One period: the heartbeat (which also tells whether the configuration changed anywhere), the host leases
     * and the re-attestation lease. When the database cannot be reached this node gives up all it held, in memory
     * at once and in the database by expiry: without a renewed lease it cannot know that no other node took over,
     * and watching a host twice is worse than missing one period of it (fail closed).
     */
    public synchronized void renew() {
        int ttl = ttlMillis();
        try {
            long version = dao.heartbeat(node.id(), node.apiUrl(), ttl, !started);
            started = true;
            if (configVersion >= 0 && version != configVersion) {
                // An option changed on another node or by hand: read every option again on its next use.
                config.reload();
            }
            configVersion = version;
            Set<UUID> now = Set.copyOf(dao.claimHostLeases(node.id(), ttl));
            if (!now.equals(watched)) {
                LOG.info(() -> "engine node " + node.id() + " watches " + now.size() + " host(s)");
            }
            watched = now;
            boolean leader = dao.tryLease(REATTESTATION, node.id(), ttl);
            if (leader != reattestationLeader) {
                LOG.info("engine node " + node.id() + (leader ? " runs" : " no longer runs") + " the re-attestation schedule");
            }
            reattestationLeader = leader;
            lastProblem = null;
        } catch (RuntimeException e) {
            watched = Set.of();
            reattestationLeader = false;
            if (!java.util.Objects.equals(e.getMessage(), lastProblem)) {
                LOG.warning("engine node " + node.id() + " could not renew its leases, so it watches no host until it can: " + e.getMessage());
            }
            lastProblem = e.getMessage();
        }
    }

    /** The node stops: its hosts and its cluster-wide work go to the other nodes at once. */
    public synchronized void stop() {
        watched = Set.of();
        reattestationLeader = false;
        try {
            dao.stopped(node.id());
        } catch (RuntimeException e) {
            LOG.warning("engine node " + node.id() + " could not give its leases back (they expire by themselves): " + e.getMessage());
        }
    }

    /** The hosts this node monitors now. */
    public Set<UUID> watchedHosts() {
        return watched;
    }

    /** Whether this node runs the cluster-wide re-attestation schedule now. */
    public boolean runsReattestation() {
        return reattestationLeader;
    }

    private int ttlMillis() {
        return LEASE_PERIODS * 1000 * Math.max(1, config.getInt("VdsRefreshRate", 2));
    }
}
