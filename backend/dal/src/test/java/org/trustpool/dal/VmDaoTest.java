package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;

class VmDaoTest extends DaoTestBase {
    private VmDao dao;

    @BeforeEach
    void setUp() {
        dao = new VmDao(dataSource);
    }

    @Test
    void getJoinsStaticDynamicAndNames() {
        VdsStatic host = addHost("h1", 8192);
        VmTemplate t = VmTemplateDaoTest.template("t1");
        new VmTemplateDao(dataSource).save(t);
        VmStatic s = VmStaticDaoTest.vm("vm1");
        s.setTemplateId(t.getId());
        new VmStaticDao(dataSource).save(s);
        VmDynamic d = new VmDynamic();
        d.setId(s.getId());
        d.setStatus(VMStatus.Up);
        d.setRunOnVds(host.getId());
        new VmDynamicDao(dataSource).save(d);

        Vm vm = dao.get(s.getId());
        assertEquals(s, vm.getStaticData());
        assertEquals(d, vm.getDynamicData());
        assertEquals("Default", vm.getClusterName());
        assertEquals("h1", vm.getRunOnVdsName());
        assertEquals("t1", vm.getTemplateName());
        assertEquals(VMStatus.Up, vm.getStatus());
        assertEquals(host.getId(), vm.getRunOnVds());
    }

    @Test
    void vmThatIsDownHasNoHostName() {
        VmStatic s = addVm("vm1", 1024, VMStatus.Down, null);
        Vm vm = dao.get(s.getId());
        assertNull(vm.getRunOnVdsName());
        assertEquals("Blank", vm.getTemplateName());
        assertEquals(VMStatus.Down, vm.getStatus());
    }

    @Test
    void getByName() {
        VmStatic s = addVm("vm1", 1024, VMStatus.Down, null);
        assertEquals(s.getId(), dao.getByName("vm1").getId());
    }

    @Test
    void unknownIdOrNameGivesNullAndTemplatesAreNotVms() {
        assertNull(dao.get(UUID.randomUUID()));
        assertNull(dao.getByName("no such vm"));
        assertNull(dao.get(BLANK_TEMPLATE_ID));
        assertNull(dao.getByName("Blank"));
    }

    @Test
    void getAllListsVmsByNameWithoutTemplates() {
        addVm("vm2", 1024, VMStatus.Down, null);
        addVm("vm1", 1024, VMStatus.Down, null);
        assertEquals(List.of("vm1", "vm2"), dao.getAll().stream().map(Vm::getName).toList());
    }

    @Test
    void getAllRunningOnVdsListsSourceNotDestinationOfMigration() {
        VdsStatic h1 = addHost("h1", 8192);
        VdsStatic h2 = addHost("h2", 8192);
        VmStatic onH1 = addVm("a-on-h1", 1024, VMStatus.Up, h1.getId());
        VmStatic migrating = addVm("b-migrating-h1-to-h2", 1024, VMStatus.MigratingFrom, h1.getId());
        VmDynamicDao dynamicDao = new VmDynamicDao(dataSource);
        VmDynamic d = dynamicDao.get(migrating.getId());
        d.setMigratingToVds(h2.getId());
        assertTrue(dynamicDao.updateIfUnchanged(d, d.getStatus(), d.getRunOnVds(), null));
        VmStatic onH2 = addVm("c-on-h2", 1024, VMStatus.Up, h2.getId());
        addVm("d-down", 1024, VMStatus.Down, null);

        assertEquals(List.of(onH1.getId(), migrating.getId()),
                dao.getAllRunningOnVds(h1.getId()).stream().map(Vm::getId).toList());
        assertEquals(List.of(onH2.getId()), dao.getAllRunningOnVds(h2.getId()).stream().map(Vm::getId).toList());
        assertTrue(dao.getAllRunningOnVds(UUID.randomUUID()).isEmpty());
    }

    @Test
    void getAllForCluster() {
        Cluster other = ClusterDaoTest.cluster("other", DEFAULT_STORAGE_POOL_ID);
        new ClusterDao(dataSource).save(other);
        VmStatic inDefault = addVm("vm1", 1024, VMStatus.Down, null);
        VmStatic inOther = addVm("vm2", 1024, VMStatus.Down, null);
        inOther.setClusterId(other.getId());
        new VmStaticDao(dataSource).update(inOther);

        List<Vm> vms = dao.getAllForCluster(other.getId());
        assertEquals(List.of(inOther.getId()), vms.stream().map(Vm::getId).toList());
        assertEquals("other", vms.get(0).getClusterName());
        assertEquals(List.of(inDefault.getId()), dao.getAllForCluster(DEFAULT_CLUSTER_ID).stream().map(Vm::getId).toList());
    }
}
