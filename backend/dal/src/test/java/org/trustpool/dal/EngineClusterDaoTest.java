package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.businessentities.VdsStatic;

/**
 * Heartbeats and leases of several engine nodes. Inside one test transaction PostgreSQL's now() stands still,
 * so "time passes" is written as an update that moves an expiry into the past.
 */
class EngineClusterDaoTest extends DaoTestBase {
    private static final int TTL = 4000;

    @Test
    void oneNodeWatchesEveryHostAndASecondNodeGetsHalfWithoutOverlap() {
        EngineClusterDao dao = new EngineClusterDao(dataSource);
        Set<UUID> hosts = addHosts(4);
        dao.heartbeat("A", "http://a", TTL, true);
        Set<UUID> a = dao.claimHostLeases("A", TTL);
        assertEquals(hosts, visible(a, hosts));

        dao.heartbeat("B", "http://b", TTL, true);
        // A's leases are valid: B takes nothing yet, A gives back what lies beyond its share on its next period.
        assertTrue(visible(dao.claimHostLeases("B", TTL), hosts).isEmpty());
        a = visible(dao.claimHostLeases("A", TTL), hosts);
        Set<UUID> b = visible(dao.claimHostLeases("B", TTL), hosts);
        assertEquals(2, a.size(), a.toString());
        assertEquals(2, b.size(), b.toString());
        Set<UUID> union = new HashSet<>(a);
        union.addAll(b);
        assertEquals(hosts, union, "every host watched, none by both");
        // Further periods change nothing.
        assertEquals(a, visible(dao.claimHostLeases("A", TTL), hosts));
        assertEquals(b, visible(dao.claimHostLeases("B", TTL), hosts));
        assertEquals(4, dao.getHostMonitorOwners().keySet().stream().filter(hosts::contains).count());
        for (UUID host : hosts) {
            assertEquals(a.contains(host) ? "A" : "B", dao.getHostMonitorOwner(host), "one host's owner, as the list says");
        }
        assertNull(dao.getHostMonitorOwner(UUID.randomUUID()), "no such host: nobody watches it");
    }

    @Test
    void whenANodeStopsRenewingTheOtherTakesItsHostsAfterTheLeasesExpire() throws SQLException {
        EngineClusterDao dao = new EngineClusterDao(dataSource);
        Set<UUID> hosts = addHosts(4);
        dao.heartbeat("A", "http://a", TTL, true);
        dao.heartbeat("B", "http://b", TTL, true);
        dao.claimHostLeases("A", TTL);
        dao.claimHostLeases("B", TTL);
        dao.claimHostLeases("A", TTL);
        assertEquals(2, visible(dao.claimHostLeases("B", TTL), hosts).size());

        // A dies: its heartbeat and its leases run out (they were renewed at the same moment).
        expire("update engine_node set expires_at = now() - interval '1 second' where node_id = 'A'");
        expire("update host_monitor_lease set expires_at = now() - interval '1 second' where owner = 'A'");
        UUID watchedByA = hosts.stream().filter(h -> !"B".equals(dao.getHostMonitorOwner(h))).findFirst().orElseThrow();
        assertNull(dao.getHostMonitorOwner(watchedByA), "an expired lease names nobody");
        dao.heartbeat("B", "http://b", TTL, false);
        assertEquals(hosts, visible(dao.claimHostLeases("B", TTL), hosts));
        assertEquals("B", dao.getHostMonitorOwner(watchedByA));
        assertFalse(dao.getAllNodes().stream().filter(n -> n.id().equals("A")).findFirst().orElseThrow().alive());
    }

    @Test
    void aStoppedNodeHandsItsHostsOverAtOnce() {
        EngineClusterDao dao = new EngineClusterDao(dataSource);
        Set<UUID> hosts = addHosts(3);
        dao.heartbeat("A", "http://a", TTL, true);
        dao.heartbeat("B", "http://b", TTL, true);
        dao.claimHostLeases("A", TTL);
        dao.claimHostLeases("B", TTL);
        dao.claimHostLeases("A", TTL);
        dao.claimHostLeases("B", TTL);
        assertTrue(dao.tryLease("reattestation", "A", TTL));
        dao.stopped("A");
        dao.heartbeat("B", "http://b", TTL, false);
        assertEquals(hosts, visible(dao.claimHostLeases("B", TTL), hosts));
        assertTrue(dao.tryLease("reattestation", "B", TTL), "A gave its lease back");
    }

    @Test
    void hostsLeftFreeByANodeThatNoLongerClaimsAreTakenBeyondTheShareAfterOneTtl() throws SQLException {
        EngineClusterDao dao = new EngineClusterDao(dataSource);
        Set<UUID> hosts = addHosts(5);
        for (String node : List.of("A", "B", "C")) {
            dao.heartbeat(node, "http://" + node, TTL, true);
        }
        // C heartbeats but never claims (its monitoring hangs): A and B take their share of 2 each.
        Set<UUID> a = visible(dao.claimHostLeases("A", TTL), hosts);
        Set<UUID> b = visible(dao.claimHostLeases("B", TTL), hosts);
        assertEquals(4, a.size() + b.size());
        expire("update host_monitor_lease set expires_at = now() - interval '10 seconds' where owner is null");
        Set<UUID> union = new HashSet<>(visible(dao.claimHostLeases("A", TTL), hosts));
        union.addAll(visible(dao.claimHostLeases("B", TTL), hosts));
        assertEquals(hosts, union);
    }

    @Test
    void aClusterWideLeaseHasOneHolderUntilItExpires() throws SQLException {
        EngineClusterDao dao = new EngineClusterDao(dataSource);
        assertTrue(dao.tryLease("reattestation", "A", TTL));
        assertFalse(dao.tryLease("reattestation", "B", TTL));
        long epoch = lease(dao).epoch();
        assertTrue(dao.tryLease("reattestation", "A", TTL), "renewed by its holder");
        assertEquals(epoch, lease(dao).epoch(), "a renewal is no hand-over");
        assertEquals("A", lease(dao).owner());
        expire("update engine_lease set expires_at = now() - interval '1 second' where name = 'reattestation'");
        assertNull(lease(dao).owner());
        assertTrue(dao.tryLease("reattestation", "B", TTL));
        assertEquals(epoch + 1, lease(dao).epoch());
        assertFalse(dao.tryLease("no-such-work", "A", TTL), "only leases the schema knows");
    }

    @Test
    void theHeartbeatTellsWhenTheConfigurationChanged() {
        EngineClusterDao dao = new EngineClusterDao(dataSource);
        long before = dao.heartbeat("A", "http://a", TTL, true);
        assertEquals(before, dao.heartbeat("A", "http://a", TTL, false));
        new VdcOptionDao(dataSource).update(new VdcOption("VdsRefreshRate", "3"));
        assertTrue(dao.heartbeat("A", "http://a", TTL, false) > before);
    }

    /**
     * Two nodes claim at the same moment, each in its own connection and committed transaction, for several
     * periods: no host is ever watched by both, and after two periods every host is watched.
     */
    @Test
    void concurrentClaimsNeverOverlap() throws Exception {
        DataSource committed = TestDatabase.get().getDataSource();
        EngineClusterDao dao = new EngineClusterDao(committed);
        List<UUID> added = new ArrayList<>();
        String a = "race-A-" + UUID.randomUUID();
        String b = "race-B-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                added.add(CommittedRows.host(committed, "lease-race", 8192, org.trustpool.common.businessentities.VDSStatus.Up).getId());
            }
            Set<UUID> hosts = new HashSet<>(added);
            dao.heartbeat(a, "http://a", 60_000, true);
            dao.heartbeat(b, "http://b", 60_000, true);
            Set<UUID> union = Set.of();
            for (int period = 0; period < 4; period++) {
                CountDownLatch go = new CountDownLatch(1);
                Future<Set<UUID>> fa = pool.submit(() -> { go.await(); return dao.claimHostLeases(a, 60_000); });
                Future<Set<UUID>> fb = pool.submit(() -> { go.await(); return dao.claimHostLeases(b, 60_000); });
                go.countDown();
                Set<UUID> ownedA = visible(fa.get(30, TimeUnit.SECONDS), hosts);
                Set<UUID> ownedB = visible(fb.get(30, TimeUnit.SECONDS), hosts);
                Set<UUID> both = new HashSet<>(ownedA);
                both.retainAll(ownedB);
                assertTrue(both.isEmpty(), "watched by both in period " + period + ": " + both);
                union = new HashSet<>(ownedA);
                union.addAll(ownedB);
            }
            assertEquals(hosts, union);
        } finally {
            pool.shutdownNow();
            dao.stopped(a);
            dao.stopped(b);
            for (UUID id : added) {
                CommittedRows.removeHost(committed, id);
            }
            try (Connection c = committed.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "delete from engine_node where node_id in (?, ?)")) {
                ps.setString(1, a);
                ps.setString(2, b);
                ps.executeUpdate();
            }
        }
    }

    private Set<UUID> addHosts(int count) {
        Set<UUID> hosts = new HashSet<>();
        for (int i = 0; i < count; i++) {
            VdsStatic host = addHost("lease-" + i, 4096);
            hosts.add(host.getId());
        }
        return hosts;
    }

    /** Only this test's hosts (other committed rows may exist in a shared database). */
    private static Set<UUID> visible(Set<UUID> owned, Set<UUID> hosts) {
        Set<UUID> mine = new HashSet<>(owned);
        mine.retainAll(hosts);
        return mine;
    }

    private void expire(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    private static EngineClusterDao.Lease lease(EngineClusterDao dao) {
        return dao.getLeases().stream().filter(l -> l.name().equals("reattestation")).findFirst().orElseThrow();
    }
}
