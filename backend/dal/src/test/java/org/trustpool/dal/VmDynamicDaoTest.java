package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;

class VmDynamicDaoTest extends DaoTestBase {
    private VmDynamicDao dao;
    private VmStatic vm;
    private VdsStatic host;

    @BeforeEach
    void setUp() {
        dao = new VmDynamicDao(dataSource);
        vm = VmStaticDaoTest.vm("vm1");
        new VmStaticDao(dataSource).save(vm);
        host = addHost("h1", 8192);
    }

    private VmDynamic dynamic() {
        VmDynamic d = new VmDynamic();
        d.setId(vm.getId());
        d.setStatus(VMStatus.Up);
        d.setRunOnVds(host.getId());
        d.setLastStartTime(Instant.parse("2024-05-01T10:00:00.000001Z"));
        d.setLastStopTime(Instant.parse("2024-04-30T09:00:00Z"));
        d.setExitMessage("previous run ended normally");
        return d;
    }

    private static void assertSameDynamic(VmDynamic expected, VmDynamic actual) {
        assertEquals(expected, actual);
        assertEquals(expected.getLastStartTime(), actual.getLastStartTime());
        assertEquals(expected.getLastStopTime(), actual.getLastStopTime());
    }

    @Test
    void saveThenGetReadsEveryField() {
        VmDynamic d = dynamic();
        dao.save(d);
        assertSameDynamic(d, dao.get(vm.getId()));
    }

    @Test
    void updateIfUnchangedChangesEveryField() {
        VdsStatic destination = addHost("h2", 8192);
        VmDynamic d = dynamic();
        dao.save(d);
        VMStatus was = d.getStatus();
        UUID wasOn = d.getRunOnVds();
        d.setStatus(VMStatus.MigratingFrom);
        d.setMigratingToVds(destination.getId());
        d.setLastStartTime(Instant.parse("2024-05-02T00:00:00Z"));
        d.setLastStopTime(null);
        d.setExitMessage(null);
        assertTrue(dao.updateIfUnchanged(d, was, wasOn, null));
        assertSameDynamic(d, dao.get(vm.getId()));

        d.setStatus(VMStatus.Down);
        d.setRunOnVds(null);
        d.setMigratingToVds(null);
        assertTrue(dao.updateIfUnchanged(d, VMStatus.MigratingFrom, wasOn, null));
        assertSameDynamic(d, dao.get(vm.getId()));
    }

    @Test
    void remove() {
        dao.save(dynamic());
        dao.remove(vm.getId());
        assertNull(dao.get(vm.getId()));
    }

    @Test
    void unknownIdGivesNull() {
        assertNull(dao.get(UUID.randomUUID()));
    }

    @Test
    void unknownHostViolatesForeignKey() {
        VmDynamic d = dynamic();
        d.setRunOnVds(UUID.randomUUID());
        DalException e = assertThrows(DalException.class, () -> dao.save(d));
        assertTrue(e.isForeignKeyViolation(), e.getSqlState());
    }

    @Test
    void hostThatRunsAVmCannotBeRemoved() {
        dao.save(dynamic());
        DalException e = assertThrows(DalException.class, () -> new VdsStaticDao(dataSource).remove(host.getId()));
        assertTrue(e.isForeignKeyViolation(), e.getSqlState());
    }
}
