package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VmStatic;

/**
 * UpdateVmStatic and UpdateVdsGroup are compare-and-set on the row's version, in PostgreSQL: an update
 * made from a stale read changes nothing and says so; the views carry the version too.
 */
class RowVersionDaoTest extends DaoTestBase {
    private VmStaticDao statics;
    private VmDao vms;
    private ClusterDao clusters;

    @BeforeEach
    void setUp() {
        statics = new VmStaticDao(dataSource);
        vms = new VmDao(dataSource);
        clusters = new ClusterDao(dataSource);
    }

    @Test
    void aVmUpdateFromAStaleReadChangesNothing() {
        VmStatic vm = addVm("versioned", 1024, org.trustpool.common.businessentities.VMStatus.Down, null);
        VmStatic first = statics.get(vm.getId());
        VmStatic second = statics.get(vm.getId());
        assertEquals(0, first.getVersion());

        first.setMemSizeMb(8192);
        assertTrue(statics.update(first), "the first writer finds the version it read");
        assertEquals(1, first.getVersion());
        assertEquals(1, statics.get(vm.getId()).getVersion());
        assertEquals(1, vms.get(vm.getId()).getStaticData().getVersion(), "the view vms carries the version");

        second.setDescription("lost?");
        assertFalse(statics.update(second), "the second read version 0, the row is at 1");
        VmStatic now = statics.get(vm.getId());
        assertEquals(8192, now.getMemSizeMb());
        assertEquals(null, now.getDescription(), "nothing of the stale update was written");
        assertEquals(1, now.getVersion());

        now.setDescription("written on the current version");
        assertTrue(statics.update(now));
        assertEquals("written on the current version", statics.get(vm.getId()).getDescription());
        assertEquals(2, statics.get(vm.getId()).getVersion());
    }

    @Test
    void aClusterUpdateFromAStaleReadChangesNothing() {
        Cluster c = ClusterDaoTest.cluster("versioned", DEFAULT_STORAGE_POOL_ID);
        clusters.save(c);
        Cluster first = clusters.get(c.getId());
        Cluster second = clusters.get(c.getId());
        first.setTrustedService(true);
        assertTrue(clusters.update(first));
        second.setDescription("stale");
        assertFalse(clusters.update(second));
        Cluster now = clusters.get(c.getId());
        assertTrue(now.isTrustedService(), "the trust flag written first is not lost");
        assertEquals("versioned cluster", now.getDescription());
        assertEquals(1, now.getVersion());
    }
}
