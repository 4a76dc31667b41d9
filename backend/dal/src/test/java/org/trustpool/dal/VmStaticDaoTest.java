package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.MigrationSupport;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;

class VmStaticDaoTest extends DaoTestBase {
    private VmStaticDao dao;

    @BeforeEach
    void setUp() {
        dao = new VmStaticDao(dataSource);
    }

    static VmStatic vm(String name) {
        VmStatic v = new VmStatic();
        v.setId(UUID.randomUUID());
        v.setName(name);
        v.setDescription(name + " vm");
        v.setClusterId(DEFAULT_CLUSTER_ID);
        v.setTemplateId(BLANK_TEMPLATE_ID);
        v.setMemSizeMb(4096);
        v.setNumOfCpus(2);
        v.setOsType("rhel_9x64");
        v.setMigrationSupport(MigrationSupport.MIGRATABLE);
        v.setCreationDate(Instant.parse("2024-01-02T03:04:05.678901Z"));
        return v;
    }

    @Test
    void saveThenGetReadsEveryField() {
        VdsStatic host = addHost("h1", 8192);
        VmStatic v = vm("vm1");
        v.setDedicatedVmForVds(host.getId());
        v.setMigrationSupport(MigrationSupport.PINNED_TO_HOST);
        v.setAutoStartup(true);
        dao.save(v);
        VmStatic read = dao.get(v.getId());
        assertEquals(v, read);
        assertEquals(v.getCreationDate(), read.getCreationDate());
    }

    @Test
    void missingTemplateMeansBlankAndMissingCreationDateMeansNow() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        VmStatic v = vm("vm1");
        v.setTemplateId(null);
        v.setCreationDate(null);
        dao.save(v);
        VmStatic read = dao.get(v.getId());
        assertEquals(BLANK_TEMPLATE_ID, read.getTemplateId());
        assertNotNull(read.getCreationDate());
        assertTrue(read.getCreationDate().isAfter(before), read.getCreationDate().toString());
    }

    @Test
    void getByNameFindsVmsOnly() {
        VmStatic v = vm("vm1");
        dao.save(v);
        assertEquals(v, dao.getByName("vm1"));
        assertNull(dao.getByName("Blank"));
    }

    @Test
    void unknownIdOrNameGivesNull() {
        assertNull(dao.get(UUID.randomUUID()));
        assertNull(dao.getByName("no such vm"));
    }

    @Test
    void vmProceduresIgnoreTemplates() {
        assertNull(dao.get(BLANK_TEMPLATE_ID));
        dao.remove(BLANK_TEMPLATE_ID);
        assertNotNull(new VmTemplateDao(dataSource).get(BLANK_TEMPLATE_ID));
        // A template's vmt_guid is itself; it must not count as a VM made from it.
        assertTrue(dao.getAllByTemplateId(BLANK_TEMPLATE_ID).isEmpty());
    }

    @Test
    void getAllByTemplateId() {
        VmTemplate t = VmTemplateDaoTest.template("t1");
        new VmTemplateDao(dataSource).save(t);
        VmStatic fromT2 = vm("b-from-t");
        fromT2.setTemplateId(t.getId());
        VmStatic fromT1 = vm("a-from-t");
        fromT1.setTemplateId(t.getId());
        VmStatic fromBlank = vm("from-blank");
        dao.save(fromT2);
        dao.save(fromT1);
        dao.save(fromBlank);

        assertEquals(List.of(fromT1, fromT2), dao.getAllByTemplateId(t.getId()));
        assertEquals(List.of(fromBlank), dao.getAllByTemplateId(BLANK_TEMPLATE_ID));
        assertTrue(dao.getAllByTemplateId(UUID.randomUUID()).isEmpty());
    }

    @Test
    void getAllByCluster() {
        Cluster other = ClusterDaoTest.cluster("other", DEFAULT_STORAGE_POOL_ID);
        new ClusterDao(dataSource).save(other);
        VmStatic inDefault = vm("in-default");
        VmStatic inOther = vm("in-other");
        inOther.setClusterId(other.getId());
        dao.save(inDefault);
        dao.save(inOther);
        new VmTemplateDao(dataSource).save(VmTemplateDaoTest.template("template-in-default"));

        assertEquals(List.of(inDefault), dao.getAllByCluster(DEFAULT_CLUSTER_ID));
        assertEquals(List.of(inOther), dao.getAllByCluster(other.getId()));
    }

    @Test
    void updateChangesEverythingButCreationDate() {
        VdsStatic host = addHost("h1", 8192);
        VmTemplate t = VmTemplateDaoTest.template("t1");
        new VmTemplateDao(dataSource).save(t);
        VmStatic v = vm("vm1");
        dao.save(v);
        Instant created = v.getCreationDate();
        v.setName("vm1-renamed");
        v.setDescription(null);
        v.setTemplateId(t.getId());
        v.setMemSizeMb(8192);
        v.setNumOfCpus(8);
        v.setOsType("windows_2022");
        v.setDedicatedVmForVds(host.getId());
        v.setMigrationSupport(MigrationSupport.IMPLICITLY_NON_MIGRATABLE);
        v.setAutoStartup(true);
        v.setCreationDate(Instant.parse("2030-01-01T00:00:00Z"));
        dao.update(v);
        VmStatic read = dao.get(v.getId());
        assertEquals(v, read);
        assertEquals(created, read.getCreationDate());
    }

    @Test
    void removeAlsoRemovesDynamicPart() {
        VmStatic v = addVm("vm1", 1024, VMStatus.Down, null);
        dao.remove(v.getId());
        assertNull(dao.get(v.getId()));
        assertNull(new VmDynamicDao(dataSource).get(v.getId()));
    }

    @Test
    void duplicateNameViolatesUniqueConstraint() {
        dao.save(vm("vm1"));
        DalException e = assertThrows(DalException.class, () -> dao.save(vm("vm1")));
        assertTrue(e.isUniqueViolation(), e.getSqlState());
    }

    @Test
    void vmMayShareItsNameWithATemplate() {
        VmStatic v = vm("Blank");
        dao.save(v);
        assertEquals(v, dao.getByName("Blank"));
        assertEquals(BLANK_TEMPLATE_ID, new VmTemplateDao(dataSource).getByName("Blank").getId());
    }

    @Test
    void pinIsClearedWhenTheHostIsRemoved() {
        VdsStatic host = addHost("h1", 8192);
        VmStatic v = vm("vm1");
        v.setDedicatedVmForVds(host.getId());
        dao.save(v);
        new VdsStaticDao(dataSource).remove(host.getId());
        assertNull(dao.get(v.getId()).getDedicatedVmForVds());
    }

    @Test
    void vmNeedsACluster() {
        VmStatic v = vm("vm1");
        v.setClusterId(null);
        DalException e = assertThrows(DalException.class, () -> dao.save(v));
        assertEquals("23514", e.getSqlState()); // check_violation
    }

    @Test
    void memoryAndCpusMustBePositive() {
        VmStatic noMemory = vm("vm1");
        noMemory.setMemSizeMb(0);
        assertThrows(DalException.class, () -> transaction.withSavepoint(() -> dao.save(noMemory)));
        VmStatic noCpu = vm("vm2");
        noCpu.setNumOfCpus(0);
        assertThrows(DalException.class, () -> dao.save(noCpu));
    }
}
