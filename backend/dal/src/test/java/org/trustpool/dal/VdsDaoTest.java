package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;

class VdsDaoTest extends DaoTestBase {
    private VdsDao dao;

    @BeforeEach
    void setUp() {
        dao = new VdsDao(dataSource);
    }

    @Test
    void getJoinsStaticDynamicAndClusterName() {
        VdsStatic h = addHost("h1", 16384);
        Vds vds = dao.get(h.getId());
        assertEquals(h, vds.getStaticData());
        assertEquals(new VdsDynamicDao(dataSource).get(h.getId()), vds.getDynamicData());
        assertEquals("Default", vds.getClusterName());
        assertEquals(VDSStatus.Up, vds.getStatus());
        assertEquals(DEFAULT_CLUSTER_ID, vds.getClusterId());
        assertEquals(0, vds.getMemCommittedMb());
        assertEquals(16384, vds.getSchedulableMemMb());
    }

    @Test
    void getByName() {
        VdsStatic h = addHost("h1", 16384);
        assertEquals(h.getId(), dao.getByName("h1").getId());
    }

    @Test
    void unknownIdOrNameGivesNullAndUnknownClusterEmptyList() {
        assertNull(dao.get(UUID.randomUUID()));
        assertNull(dao.getByName("no such host"));
        assertTrue(dao.getAllForCluster(UUID.randomUUID()).isEmpty());
    }

    @Test
    void hostWithoutDynamicPartIsNotListed() {
        // As in oVirt the view joins vds_dynamic: adding a host writes both parts.
        VdsStatic h = VdsStaticDaoTest.host("half", "half.example.com", 1);
        new VdsStaticDao(dataSource).save(h);
        assertNull(dao.get(h.getId()));
    }

    @Test
    void getAllListsAllByName() {
        addHost("h2", 1024);
        addHost("h1", 1024);
        assertEquals(List.of("h1", "h2"), dao.getAll().stream().map(Vds::getName).toList());
    }

    @Test
    void getAllForCluster() {
        Cluster other = ClusterDaoTest.cluster("other", DEFAULT_STORAGE_POOL_ID);
        new ClusterDao(dataSource).save(other);
        VdsStatic inDefault = addHost("h1", 1024);
        VdsStatic inOther = addHost("h2", 1024);
        inOther.setClusterId(other.getId());
        new VdsStaticDao(dataSource).update(inOther);

        List<Vds> hosts = dao.getAllForCluster(other.getId());
        assertEquals(List.of(inOther.getId()), hosts.stream().map(Vds::getId).toList());
        assertEquals("other", hosts.get(0).getClusterName());
        assertEquals(List.of(inDefault.getId()), dao.getAllForCluster(DEFAULT_CLUSTER_ID).stream().map(Vds::getId).toList());
    }

    @Test
    void memCommittedSumsVmsThatOccupyTheHost() {
        VdsStatic h = addHost("h1", 16384);
        VdsStatic elsewhere = addHost("h2", 16384);
        addVm("up", 1000, VMStatus.Up, h.getId());
        addVm("powering-up", 200, VMStatus.PoweringUp, h.getId());
        addVm("paused", 30, VMStatus.Paused, h.getId());
        addVm("not-responding", 4, VMStatus.NotResponding, h.getId());
        // These do not occupy a host, even if run_on_vds was left set.
        addVm("down", 50000, VMStatus.Down, h.getId());
        addVm("suspended", 50000, VMStatus.Suspended, h.getId());
        addVm("image-illegal", 50000, VMStatus.ImageIllegal, h.getId());
        addVm("image-locked", 50000, VMStatus.ImageLocked, h.getId());
        addVm("on-other-host", 50000, VMStatus.Up, elsewhere.getId());

        Vds vds = dao.get(h.getId());
        assertEquals(1234, vds.getMemCommittedMb());
        assertEquals(16384 - 1234, vds.getSchedulableMemMb());
    }

    @Test
    void memCommittedCountsAMigratingVmOnBothHosts() {
        VdsStatic source = addHost("source", 16384);
        VdsStatic destination = addHost("destination", 16384);
        VmStatic vm = addVm("migrating", 2048, VMStatus.MigratingFrom, source.getId());
        VmDynamicDao dynamicDao = new VmDynamicDao(dataSource);
        VmDynamic d = dynamicDao.get(vm.getId());
        d.setMigratingToVds(destination.getId());
        assertTrue(dynamicDao.updateIfUnchanged(d, d.getStatus(), d.getRunOnVds(), null));

        assertEquals(2048, dao.get(source.getId()).getMemCommittedMb());
        assertEquals(2048, dao.get(destination.getId()).getMemCommittedMb());
    }

    @Test
    void viewReflectsDynamicUpdates() {
        VdsStatic h = addHost("h1", 16384);
        VdsDynamicDao dynamicDao = new VdsDynamicDao(dataSource);
        VdsDynamic d = dynamicDao.get(h.getId());
        d.setCpuCores(8);
        d.setMemFreeMb(4000);
        dynamicDao.update(d);
        Vds vds = dao.get(h.getId());
        assertEquals(8, vds.getDynamicData().getCpuCores());
        assertEquals(4000, vds.getDynamicData().getMemFreeMb());
    }
}
