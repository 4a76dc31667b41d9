package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.dal.VmDynamicDao.Reservation;

/**
 * Several engine nodes on one database (issue 15): the compare-and-set procedures decide every race between
 * two nodes, and the in-flight mark (vm_dynamic.op_owner) with the liveness of its node tells monitoring whether
 * a transitional VM is another node's command in flight or an interrupted one.
 */
class ClusterCasTest extends DaoTestBase {
    private static final String NODE_A = "node-a";
    private static final String NODE_B = "node-b";

    // --- the in-flight mark (op_owner) and the liveness rule, in one rolled-back transaction ---

    @Test
    void reservationsAndStopsMarkTheVmAndTheOutcomeWriteClearsTheMark() {
        VdsStatic source = addHost("h1", 8192);
        VdsStatic destination = addHost("h2", 8192);
        VmStatic started = addVm("started", 1024, VMStatus.Down, null);
        VmStatic migrated = addVm("migrated", 1024, VMStatus.Up, source.getId());
        VmStatic stopped = addVm("stopped", 1024, VMStatus.Up, source.getId());
        VmDynamicDao dao = new VmDynamicDao(dataSource);

        assertEquals(Reservation.RESERVED, dao.reserveForRun(started.getId(), source.getId(), Instant.now(), NODE_A));
        assertEquals(NODE_A, dao.get(started.getId()).getOpOwner());
        assertNotNull(dao.get(started.getId()).getOpStartedAt());
        assertEquals(Reservation.RESERVED, dao.reserveForMigration(migrated.getId(), source.getId(), destination.getId(), NODE_B));
        assertEquals(NODE_B, dao.get(migrated.getId()).getOpOwner());
        assertTrue(dao.beginOperation(stopped.getId(), VMStatus.Up, VMStatus.PoweringDown, NODE_A));
        assertEquals(NODE_A, dao.get(stopped.getId()).getOpOwner());
        assertEquals(VMStatus.PoweringDown, dao.get(stopped.getId()).getStatus());
        // not from the status the command validated: nothing changes
        assertFalse(dao.beginOperation(stopped.getId(), VMStatus.Up, VMStatus.PoweringDown, NODE_B));
        assertEquals(NODE_A, dao.get(stopped.getId()).getOpOwner());

        // The outcome of the start, written by the node that holds the mark: written, mark cleared.
        VmDynamic up = dao.get(started.getId());
        up.setStatus(VMStatus.Up);
        assertTrue(dao.updateIfUnchanged(up, VMStatus.WaitForLaunch, source.getId(), NODE_A));
        VmDynamic after = dao.get(started.getId());
        assertEquals(VMStatus.Up, after.getStatus());
        assertNull(after.getOpOwner());
        assertNull(after.getOpStartedAt());
    }

    @Test
    void anOutcomeWriteLosesWhenStatusHostOrMarkAreNotWhatTheCallerExpects() {
        VdsStatic host = addHost("h1", 8192);
        VdsStatic other = addHost("h2", 8192);
        VmStatic vm = addVm("vm1", 1024, VMStatus.Down, null);
        VmDynamicDao dao = new VmDynamicDao(dataSource);
        assertEquals(Reservation.RESERVED, dao.reserveForRun(vm.getId(), host.getId(), Instant.now(), NODE_A));
        VmDynamic down = dao.get(vm.getId());
        down.setStatus(VMStatus.Down);
        down.setRunOnVds(null);
        down.setExitMessage("should not be written");
        assertFalse(dao.updateIfUnchanged(down, VMStatus.Up, host.getId(), NODE_A), "other status");
        assertFalse(dao.updateIfUnchanged(down, VMStatus.WaitForLaunch, other.getId(), NODE_A), "other host");
        assertFalse(dao.updateIfUnchanged(down, VMStatus.WaitForLaunch, host.getId(), NODE_B), "other node's mark");
        assertFalse(dao.updateIfUnchanged(down, VMStatus.WaitForLaunch, host.getId(), null), "a mark the caller did not see");
        VmDynamic unchanged = dao.get(vm.getId());
        assertEquals(VMStatus.WaitForLaunch, unchanged.getStatus());
        assertEquals(host.getId(), unchanged.getRunOnVds());
        assertEquals(NODE_A, unchanged.getOpOwner());
        assertNull(unchanged.getExitMessage());
    }

    @Test
    void theViewSaysWhetherTheMarkIsHeldByALiveNode() throws SQLException {
        VdsStatic host = addHost("h1", 65536);
        insertEngineNode("live-node", "now() + interval '1 minute'");
        insertEngineNode("dead-node", "now() - interval '1 second'");
        VmStatic live = addVm("on-live", 512, VMStatus.Down, null);
        VmStatic dead = addVm("on-dead", 512, VMStatus.Down, null);
        VmStatic unknown = addVm("on-unknown", 512, VMStatus.Down, null);
        VmStatic unmarked = addVm("unmarked", 512, VMStatus.Up, host.getId());
        VmDynamicDao dynamicDao = new VmDynamicDao(dataSource);
        assertEquals(Reservation.RESERVED, dynamicDao.reserveForRun(live.getId(), host.getId(), Instant.now(), "live-node"));
        assertEquals(Reservation.RESERVED, dynamicDao.reserveForRun(dead.getId(), host.getId(), Instant.now(), "dead-node"));
        assertEquals(Reservation.RESERVED, dynamicDao.reserveForRun(unknown.getId(), host.getId(), Instant.now(), "never-seen"));

        VmDao vmDao = new VmDao(dataSource);
        Vm onLive = vmDao.get(live.getId());
        assertEquals("live-node", onLive.getDynamicData().getOpOwner());
        assertTrue(onLive.isOpMarkHeld(), "a node whose heartbeat has not expired is alive");
        assertFalse(vmDao.get(dead.getId()).isOpMarkHeld(), "expires_at in the past: dead");
        assertFalse(vmDao.get(unknown.getId()).isOpMarkHeld(), "no engine_node row: not alive");
        assertFalse(vmDao.get(unmarked.getId()).isOpMarkHeld(), "no mark: nobody alive holds it");
        // The same through the read monitoring uses.
        Map<UUID, Boolean> alive = new ConcurrentHashMap<>();
        vmDao.getAllRunningOnVds(host.getId()).forEach(v -> alive.put(v.getId(), v.isOpMarkHeld()));
        assertEquals(Map.of(live.getId(), true, dead.getId(), false, unknown.getId(), false, unmarked.getId(), false), alive);

        // A live node's mark older than any command keeps a VM in flight: its outcome write never happened.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE vm_dynamic SET op_started_at = now() - interval '11 minutes' WHERE vm_guid = ?")) {
            ps.setObject(1, live.getId());
            assertEquals(1, ps.executeUpdate());
        }
        assertFalse(vmDao.get(live.getId()).isOpMarkHeld(), "a stale mark is not held, though its node lives");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE vm_dynamic SET op_started_at = now() - interval '9 minutes' WHERE vm_guid = ?")) {
            ps.setObject(1, live.getId());
            assertEquals(1, ps.executeUpdate());
        }
        assertTrue(vmDao.get(live.getId()).isOpMarkHeld());

        // The node's heartbeat expires: its mark now reads as interrupted.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE engine_node SET expires_at = now() - interval '1 second' WHERE node_id = ?")) {
            ps.setString(1, "live-node");
            assertEquals(1, ps.executeUpdate());
        }
        assertFalse(vmDao.get(live.getId()).isOpMarkHeld());
    }

    @Test
    void aHostStatusChangeThatChangesNothingLoses() {
        VdsStatic host = addHost("h1", 8192);
        VdsDynamicDao dao = new VdsDynamicDao(dataSource);
        assertFalse(dao.compareAndSetStatusAndReasons(host.getId(), VDSStatus.Initializing, VDSStatus.Up, NonOperationalReason.NONE));
        assertTrue(dao.compareAndSetStatusAndReasons(host.getId(), VDSStatus.Up, VDSStatus.NonOperational, NonOperationalReason.UNTRUSTED));
        VdsDynamic after = dao.get(host.getId());
        assertEquals(VDSStatus.NonOperational, after.getStatus());
        assertEquals(NonOperationalReason.UNTRUSTED, after.getNonOperationalReason());
        // a second node that read NonOperational/UNTRUSTED a moment later asks for the same: it did not win
        assertFalse(dao.compareAndSetStatusAndReasons(host.getId(), VDSStatus.NonOperational, VDSStatus.NonOperational, NonOperationalReason.UNTRUSTED));
        assertTrue(dao.compareAndSetStatusAndReasons(host.getId(), VDSStatus.NonOperational, VDSStatus.Initializing, NonOperationalReason.NONE));
        assertEquals(VDSStatus.Initializing, dao.get(host.getId()).getStatus());
    }

    // --- races: each contender in its own connection and transaction, committed rows removed afterwards ---

    /** Two nodes start the same VM at once: one reservation, and the mark names the winner. */
    @Test
    void twoNodesStartingOneVmReserveItOnce() throws Exception {
        Committed rows = new Committed();
        try {
            VdsStatic host = rows.host(65536, VDSStatus.Up);
            UUID vm = rows.vm(VMStatus.Down, null);
            Map<String, Boolean> won = race(List.of(NODE_A, NODE_B), (node, ds) ->
                    new VmDynamicDao(ds).reserveForRun(vm, host.getId(), Instant.now(), node) == Reservation.RESERVED);
            assertOneWinner(won);
            VmDynamic after = new VmDynamicDao(rows.ds).get(vm);
            assertEquals(VMStatus.WaitForLaunch, after.getStatus());
            assertEquals(winner(won), after.getOpOwner());
        } finally {
            rows.remove();
        }
    }

    /** Two nodes stop the same VM at once: one enters PoweringDown, and the mark names it. */
    @Test
    void twoNodesStoppingOneVmBeginOnce() throws Exception {
        Committed rows = new Committed();
        try {
            VdsStatic host = rows.host(65536, VDSStatus.Up);
            UUID vm = rows.vm(VMStatus.Up, host.getId());
            Map<String, Boolean> won = race(List.of(NODE_A, NODE_B), (node, ds) ->
                    new VmDynamicDao(ds).beginOperation(vm, VMStatus.Up, VMStatus.PoweringDown, node));
            assertOneWinner(won);
            assertEquals(winner(won), new VmDynamicDao(rows.ds).get(vm).getOpOwner());
        } finally {
            rows.remove();
        }
    }

    /**
     * Two nodes both saw the VM Up on a host that no longer reports it and record it Down (monitoring's
     * "down unexpectedly"), or one records Down while the other records Unknown: exactly one write wins.
     */
    @Test
    void twoNodesRecordingAnOutcomeForOneVmWriteOnce() throws Exception {
        Committed rows = new Committed();
        try {
            VdsStatic host = rows.host(65536, VDSStatus.Up);
            UUID vm = rows.vm(VMStatus.Up, host.getId());
            Map<String, Boolean> won = race(List.of(NODE_A, NODE_B), (node, ds) -> {
                VmDynamic next = new VmDynamic();
                next.setId(vm);
                next.setStatus(NODE_A.equals(node) ? VMStatus.Down : VMStatus.Unknown);
                next.setRunOnVds(NODE_A.equals(node) ? null : host.getId());
                next.setExitMessage("written by " + node);
                return new VmDynamicDao(ds).updateIfUnchanged(next, VMStatus.Up, host.getId(), null);
            });
            assertOneWinner(won);
            VmDynamic after = new VmDynamicDao(rows.ds).get(vm);
            assertEquals("written by " + winner(won), after.getExitMessage());
            assertEquals(NODE_A.equals(winner(won)) ? VMStatus.Down : VMStatus.Unknown, after.getStatus());
        } finally {
            rows.remove();
        }
    }

    /** Two nodes saw the same untrusted host: one NonOperational (so one evacuation, one audit entry). */
    @Test
    void twoNodesSettingOneHostNonOperationalWinOnce() throws Exception {
        Committed rows = new Committed();
        try {
            VdsStatic host = rows.host(65536, VDSStatus.Up);
            Map<String, Boolean> won = race(List.of(NODE_A, NODE_B), (node, ds) -> new VdsDynamicDao(ds)
                    .compareAndSetStatusAndReasons(host.getId(), VDSStatus.Up, VDSStatus.NonOperational, NonOperationalReason.UNTRUSTED));
            assertOneWinner(won);
            assertEquals(VDSStatus.NonOperational, new VdsDynamicDao(rows.ds).get(host.getId()).getStatus());
        } finally {
            rows.remove();
        }
    }

    // --- helpers ---

    private void insertEngineNode(String id, String expiresAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO engine_node (node_id, api_url, started_at, heartbeat, expires_at) "
                     + "VALUES (?, 'http://127.0.0.1/ovirt-engine', now(), now(), " + expiresAt + ")")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private interface Contender {
        boolean run(String node, DataSource oneTransaction) throws Exception;
    }

    /**
     * Each node's call in its own connection and transaction, released together; each transaction stays open a
     * moment after its call (the engine's transaction goes on), so the other's statement meets the row
     * lock and re-reads the row after this one commits. Answers, by node, whether its call won.
     */
    private static Map<String, Boolean> race(List<String> nodes, Contender contender) throws Exception {
        DataSource committed = TestDatabase.get().getDataSource();
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            Map<String, Boolean> won = new ConcurrentHashMap<>();
            List<Future<?>> done = new ArrayList<>();
            for (String node : nodes) {
                done.add(pool.submit(() -> {
                    try (Connection c = committed.getConnection()) {
                        c.setAutoCommit(false);
                        start.await();
                        boolean result = contender.run(node, CommittedRows.oneConnection(c));
                        Thread.sleep(50);
                        c.commit();
                        won.put(node, result);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOneWinner(Map<String, Boolean> won) {
        assertEquals(2, won.size(), won.toString());
        assertEquals(1, won.values().stream().filter(Boolean::booleanValue).count(), "exactly one winner: " + won);
    }

    private static String winner(Map<String, Boolean> won) {
        return won.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** Rows committed for a race (outside the test transaction), removed afterwards. */
    private static final class Committed {
        final DataSource ds = TestDatabase.get().getDataSource();
        final List<UUID> hosts = new ArrayList<>();
        final List<UUID> vms = new ArrayList<>();

        VdsStatic host(long memMb, VDSStatus status) {
            VdsStatic vds = CommittedRows.host(ds, "cas", memMb, status);
            hosts.add(vds.getId());
            return vds;
        }

        UUID vm(VMStatus status, UUID runOnVds) {
            VmStatic vm = new VmStatic();
            vm.setId(UUID.randomUUID());
            vm.setName("cas-" + vm.getId());
            vm.setClusterId(DEFAULT_CLUSTER_ID);
            vm.setTemplateId(BLANK_TEMPLATE_ID);
            vm.setMemSizeMb(1024);
            new VmStaticDao(ds).save(vm);
            vms.add(vm.getId());
            VmDynamic dynamic = new VmDynamic();
            dynamic.setId(vm.getId());
            dynamic.setStatus(status);
            dynamic.setRunOnVds(runOnVds);
            new VmDynamicDao(ds).save(dynamic);
            return vm.getId();
        }

        void remove() {
            for (UUID vm : vms) {
                new VmDynamicDao(ds).remove(vm);
                new VmStaticDao(ds).remove(vm);
            }
            for (UUID host : hosts) {
                CommittedRows.removeHost(ds, host);
            }
        }
    }
}
