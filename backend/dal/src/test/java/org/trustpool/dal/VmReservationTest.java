package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.dal.VmDynamicDao.Reservation;

/** ReserveVdsForVm: a host's capacity reserved in the database, so concurrent placements cannot overbook it. */
class VmReservationTest extends DaoTestBase {

    @Test
    void aStartReservesTheHostAndTheViewCountsIt() {
        VdsStatic host = addHost("h1", 4096);
        VmStatic vm = addVm("vm1", 1024, VMStatus.Down, null);
        VmDynamicDao dao = new VmDynamicDao(dataSource);
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(Reservation.RESERVED, dao.reserveForRun(vm.getId(), host.getId(), now, "node-a"));
        VmDynamic reserved = dao.get(vm.getId());
        assertEquals(VMStatus.WaitForLaunch, reserved.getStatus());
        assertEquals(host.getId(), reserved.getRunOnVds());
        assertEquals(now, reserved.getLastStartTime());
        assertEquals(1024, new VdsDao(dataSource).get(host.getId()).getMemCommittedMb());
        // the same VM again: it is no longer Down
        assertEquals(Reservation.VM_CHANGED, dao.reserveForRun(vm.getId(), host.getId(), now, "node-a"));
    }

    @Test
    void aFullHostOrOneNotUpIsRefusedAndNothingChanges() {
        VdsStatic host = addHost("h1", 2048);
        addVm("running", 1536, VMStatus.Up, host.getId());
        VmStatic vm = addVm("vm1", 1024, VMStatus.Down, null);
        VmDynamicDao dao = new VmDynamicDao(dataSource);
        assertEquals(Reservation.NO_ROOM, dao.reserveForRun(vm.getId(), host.getId(), Instant.now(), "node-a"));
        VdsStatic maintenance = addHost("h2", 65536);
        new VdsDynamicDao(dataSource).updateStatus(maintenance.getId(), VDSStatus.Maintenance);
        assertEquals(Reservation.HOST_NOT_UP, dao.reserveForRun(vm.getId(), maintenance.getId(), Instant.now(), "node-a"));
        assertEquals(VMStatus.Down, dao.get(vm.getId()).getStatus());
        assertNull(dao.get(vm.getId()).getRunOnVds());
    }

    @Test
    void aMigrationCountsOnTheDestinationAndChecksTheSource() {
        VdsStatic source = addHost("h1", 4096);
        VdsStatic destination = addHost("h2", 4096);
        VmStatic vm = addVm("vm1", 1024, VMStatus.Up, source.getId());
        VmDynamicDao dao = new VmDynamicDao(dataSource);
        assertEquals(Reservation.VM_CHANGED, dao.reserveForMigration(vm.getId(), destination.getId(), destination.getId(), "node-a"));
        assertEquals(Reservation.RESERVED, dao.reserveForMigration(vm.getId(), source.getId(), destination.getId(), "node-a"));
        VmDynamic moving = dao.get(vm.getId());
        assertEquals(VMStatus.MigratingFrom, moving.getStatus());
        assertEquals(source.getId(), moving.getRunOnVds());
        assertEquals(destination.getId(), moving.getMigratingToVds());
        assertEquals(1024, new VdsDao(dataSource).get(destination.getId()).getMemCommittedMb());
    }

    @Test
    void compareAndSetStatusChangesOnlyFromTheExpectedStatus() {
        VdsStatic host = addHost("h1", 4096);
        VmStatic vm = addVm("vm1", 1024, VMStatus.Up, host.getId());
        VmDynamicDao dao = new VmDynamicDao(dataSource);
        assertEquals(false, dao.compareAndSetStatus(vm.getId(), VMStatus.Down, VMStatus.PoweringDown));
        assertEquals(true, dao.compareAndSetStatus(vm.getId(), VMStatus.Up, VMStatus.PoweringDown));
        assertEquals(VMStatus.PoweringDown, dao.get(vm.getId()).getStatus());
    }

    /**
     * Sixteen starts at once, each in its own connection and transaction, on a host with room for five:
     * exactly five are reserved. (Committed rows, removed afterwards: the concurrency is the point.)
     */
    @Test
    void concurrentStartsCannotOverbookAHost() throws Exception {
        DataSource committed = TestDatabase.get().getDataSource();
        VdsStatic host = addCommittedHost(committed, 5 * 1024);
        List<UUID> vms = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            vms.add(addCommittedVm(committed, "race-" + i + "-" + UUID.randomUUID(), 1024));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Map<Reservation, Integer> outcomes = new ConcurrentHashMap<>();
            List<Future<?>> done = new ArrayList<>();
            for (UUID vm : vms) {
                Callable<Void> task = () -> {
                    try (Connection c = committed.getConnection()) {
                        c.setAutoCommit(false);
                        start.await();
                        Reservation r = new VmDynamicDao(CommittedRows.oneConnection(c)).reserveForRun(vm, host.getId(), Instant.now(), "node-a");
                        // The engine's transaction goes on a moment after the reservation (the VM's row, the commit):
                        // the others must not count on room this one has taken but not yet committed.
                        Thread.sleep(50);
                        c.commit();
                        outcomes.merge(r, 1, Integer::sum);
                    }
                    return null;
                };
                done.add(pool.submit(task));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(5, outcomes.getOrDefault(Reservation.RESERVED, 0), outcomes.toString());
            assertEquals(11, outcomes.getOrDefault(Reservation.NO_ROOM, 0), outcomes.toString());
            assertEquals(5 * 1024, new VdsDao(committed).get(host.getId()).getMemCommittedMb());
        } finally {
            pool.shutdownNow();
            for (UUID vm : vms) {
                new VmDynamicDao(committed).remove(vm);
                new VmStaticDao(committed).remove(vm);
            }
            CommittedRows.removeHost(committed, host.getId());
        }
    }

    private static VdsStatic addCommittedHost(DataSource committed, long memMb) {
        return CommittedRows.host(committed, "race", memMb, VDSStatus.Up);
    }

    private static UUID addCommittedVm(DataSource committed, String name, int memMb) {
        VmStatic vm = new VmStatic();
        vm.setId(UUID.randomUUID());
        vm.setName(name);
        vm.setClusterId(DEFAULT_CLUSTER_ID);
        vm.setTemplateId(BLANK_TEMPLATE_ID);
        vm.setMemSizeMb(memMb);
        new VmStaticDao(committed).save(vm);
        VmDynamic dynamic = new VmDynamic();
        dynamic.setId(vm.getId());
        dynamic.setStatus(VMStatus.Down);
        new VmDynamicDao(committed).save(dynamic);
        return vm.getId();
    }
}
