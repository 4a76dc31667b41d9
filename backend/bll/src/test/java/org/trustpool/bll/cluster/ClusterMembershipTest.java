package org.trustpool.bll.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.trustpool.bll.EngineConfig;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.dal.CommittedRows;
import org.trustpool.dal.EngineClusterDao;
import org.trustpool.dal.TestDatabase;
import org.trustpool.dal.VdcOptionDao;

/** Two engine nodes' memberships over one real PostgreSQL (committed rows, removed afterwards). */
class ClusterMembershipTest {

    private final DataSource db = TestDatabase.get().getDataSource();
    private final EngineClusterDao dao = new EngineClusterDao(db);
    private final List<UUID> hosts = new ArrayList<>();
    private final List<ClusterMembership> nodes = new ArrayList<>();

    @AfterEach
    void removeRows() {
        nodes.forEach(ClusterMembership::stop);
        for (UUID id : hosts) {
            CommittedRows.removeHost(db, id);
        }
    }

    @Test
    void twoNodesShareTheHostsAndOneRunsReattestationUntilItStops() {
        addHosts(6);
        ClusterMembership a = node("A");
        a.renew();
        assertEquals(Set.copyOf(hosts), mine(a), "alone, a node watches every host");
        assertTrue(a.runsReattestation());

        ClusterMembership b = node("B");
        b.renew();
        a.renew(); // gives back what is beyond its share
        b.renew(); // takes it
        assertFalse(mine(a).isEmpty(), "A keeps a share");
        assertFalse(mine(b).isEmpty(), "B gets a share");
        Set<UUID> union = new HashSet<>(mine(a));
        union.addAll(mine(b));
        assertEquals(Set.copyOf(hosts), union, "every host watched, none twice");
        assertTrue(a.runsReattestation());
        assertFalse(b.runsReattestation(), "one node runs the re-attestation schedule");

        a.stop();
        assertTrue(a.watchedHosts().isEmpty());
        b.renew();
        assertEquals(Set.copyOf(hosts), mine(b), "a stopped node's hosts go to the other at once");
        assertTrue(b.runsReattestation());
    }

    @Test
    void anOptionChangedElsewhereIsSeenAfterTheNextRenewal() {
        VdcOptionDao options = new VdcOptionDao(db);
        String before = options.get("VdsRefreshRate").getOptionValue();
        try {
            EngineConfig config = EngineConfig.inMemory(options);
            ClusterMembership a = new ClusterMembership(new EngineNode("cfg-" + UUID.randomUUID(), "http://a"),
                    dao, config);
            nodes.add(a);
            a.renew();
            assertEquals(Integer.parseInt(before), config.getInt("VdsRefreshRate", -1));
            options.update(new VdcOption("VdsRefreshRate", "7")); // another node, or SQL by hand
            assertEquals(Integer.parseInt(before), config.getInt("VdsRefreshRate", -1), "memory holds the old value");
            a.renew();
            assertEquals(7, config.getInt("VdsRefreshRate", -1));
        } finally {
            options.update(new VdcOption("VdsRefreshRate", before));
        }
    }

    private ClusterMembership node(String name) {
        ClusterMembership m = new ClusterMembership(new EngineNode(name + "-" + UUID.randomUUID(), "http://" + name),
                dao, EngineConfig.inMemory(new VdcOptionDao(db)));
        nodes.add(m);
        return m;
    }

    /** This test's hosts among those the node watches (the shared database may hold others). */
    private Set<UUID> mine(ClusterMembership node) {
        Set<UUID> watched = new HashSet<>(node.watchedHosts());
        watched.retainAll(hosts);
        return watched;
    }

    private void addHosts(int count) {
        for (int i = 0; i < count; i++) {
            hosts.add(CommittedRows.host(db, "member", 8192, VDSStatus.Up).getId());
        }
    }
}
