package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.VdsStatic;

class VdsDynamicDaoTest extends DaoTestBase {
    private VdsDynamicDao dao;
    private VdsStatic host;

    @BeforeEach
    void setUp() {
        dao = new VdsDynamicDao(dataSource);
        host = VdsStaticDaoTest.host("h1", "h1.example.com", 54321);
        new VdsStaticDao(dataSource).save(host);
    }

    private VdsDynamic dynamic() {
        VdsDynamic d = new VdsDynamic();
        d.setId(host.getId());
        d.setStatus(VDSStatus.NonOperational);
        d.setNonOperationalReason(NonOperationalReason.UNTRUSTED);
        d.setCpuCores(16);
        d.setPhysicalMemMb(65536);
        d.setMemFreeMb(40000);
        d.setVmCount(3);
        d.setCpuUsagePercent(12.5);
        d.setLastResponse(Instant.parse("2024-05-01T10:15:30.123456Z"));
        return d;
    }

    private static void assertSameDynamic(VdsDynamic expected, VdsDynamic actual) {
        assertEquals(expected, actual);
        // Not part of equals(): the statistic and the timestamp (microseconds, in any time zone).
        assertEquals(expected.getCpuUsagePercent(), actual.getCpuUsagePercent());
        assertEquals(expected.getLastResponse(), actual.getLastResponse());
    }

    @Test
    void saveThenGetReadsEveryField() {
        VdsDynamic d = dynamic();
        dao.save(d);
        assertSameDynamic(d, dao.get(host.getId()));
    }

    @Test
    void newHostDefaultsRoundTrip() {
        VdsDynamic d = new VdsDynamic(); // Installing, reason NONE, no statistics, never responded
        d.setId(host.getId());
        dao.save(d);
        VdsDynamic read = dao.get(host.getId());
        assertSameDynamic(d, read);
        assertEquals(VDSStatus.Installing, read.getStatus());
        assertNull(read.getLastResponse());
    }

    @Test
    void updateChangesEveryField() {
        VdsDynamic d = dynamic();
        dao.save(d);
        d.setStatus(VDSStatus.Up);
        d.setNonOperationalReason(NonOperationalReason.NONE);
        d.setCpuCores(32);
        d.setPhysicalMemMb(131072);
        d.setMemFreeMb(100000);
        d.setVmCount(0);
        d.setCpuUsagePercent(99.9);
        d.setLastResponse(Instant.parse("2024-05-01T10:15:32Z"));
        dao.update(d);
        assertSameDynamic(d, dao.get(host.getId()));
    }

    @Test
    void updateStatusChangesOnlyTheStatus() {
        VdsDynamic d = dynamic();
        dao.save(d);
        dao.updateStatus(host.getId(), VDSStatus.NonResponsive);
        d.setStatus(VDSStatus.NonResponsive);
        assertSameDynamic(d, dao.get(host.getId()));
    }

    @Test
    void compareAndSetStatusAndReasons() {
        VdsDynamic d = dynamic();
        d.setStatus(VDSStatus.Up);
        d.setNonOperationalReason(NonOperationalReason.NONE);
        dao.save(d);
        assertTrue(dao.compareAndSetStatusAndReasons(host.getId(), VDSStatus.Up, VDSStatus.NonOperational, NonOperationalReason.UNTRUSTED));
        assertFalse(dao.compareAndSetStatusAndReasons(host.getId(), VDSStatus.Up, VDSStatus.NonOperational, NonOperationalReason.UNTRUSTED),
                "the host is no longer Up: a second node seeing the same thing writes nothing");
        VdsDynamic read = dao.get(host.getId());
        assertEquals(VDSStatus.NonOperational, read.getStatus());
        assertEquals(NonOperationalReason.UNTRUSTED, read.getNonOperationalReason());
        assertEquals(65536, read.getPhysicalMemMb());
    }

    @Test
    void remove() {
        dao.save(dynamic());
        dao.remove(host.getId());
        assertNull(dao.get(host.getId()));
    }

    @Test
    void unknownIdGivesNull() {
        assertNull(dao.get(UUID.randomUUID()));
    }

    @Test
    void dynamicPartNeedsItsHost() {
        VdsDynamic d = dynamic();
        d.setId(UUID.randomUUID());
        DalException e = assertThrows(DalException.class, () -> dao.save(d));
        assertTrue(e.isForeignKeyViolation(), e.getSqlState());
    }
}
