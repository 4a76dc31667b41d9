package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;

class VmTemplateDaoTest extends DaoTestBase {
    private VmTemplateDao dao;

    @BeforeEach
    void setUp() {
        dao = new VmTemplateDao(dataSource);
    }

    static VmTemplate template(String name) {
        VmTemplate t = new VmTemplate();
        t.setId(UUID.randomUUID());
        t.setName(name);
        t.setDescription(name + " template");
        t.setClusterId(DEFAULT_CLUSTER_ID);
        t.setMemSizeMb(2048);
        t.setNumOfCpus(4);
        t.setOsType("rhel_9x64");
        t.setCreationDate(Instant.parse("2024-02-03T04:05:06Z"));
        return t;
    }

    @Test
    void seedHasBlankTemplate() {
        VmTemplate blank = dao.get(BLANK_TEMPLATE_ID);
        assertEquals("Blank", blank.getName());
        assertTrue(blank.isBlank());
        assertNull(blank.getClusterId());
        assertNull(blank.getClusterName());
        assertEquals(1024, blank.getMemSizeMb());
        assertEquals(1, blank.getNumOfCpus());
        assertEquals("other", blank.getOsType());
        assertNotNull(blank.getCreationDate());
    }

    @Test
    void saveThenGetReadsEveryFieldAndClusterName() {
        VmTemplate t = template("t1");
        dao.save(t);
        VmTemplate read = dao.get(t.getId());
        assertEquals(t, read);
        assertEquals(t.getCreationDate(), read.getCreationDate());
        assertEquals("Default", read.getClusterName());
    }

    @Test
    void missingCreationDateMeansNow() {
        VmTemplate t = template("t1");
        t.setCreationDate(null);
        dao.save(t);
        assertNotNull(dao.get(t.getId()).getCreationDate());
    }

    @Test
    void getByName() {
        VmTemplate t = template("t1");
        dao.save(t);
        assertEquals(t, dao.getByName("t1"));
        assertEquals(BLANK_TEMPLATE_ID, dao.getByName("Blank").getId());
    }

    @Test
    void unknownIdOrNameGivesNullAndVmsAreNotTemplates() {
        assertNull(dao.get(UUID.randomUUID()));
        assertNull(dao.getByName("no such template"));
        VmStatic vm = addVm("vm1", 1024, VMStatus.Down, null);
        assertNull(dao.get(vm.getId()));
        assertNull(dao.getByName("vm1"));
    }

    @Test
    void getAllListsTemplatesByNameIncludingBlank() {
        dao.save(template("t1"));
        dao.save(template("A-first"));
        addVm("vm1", 1024, VMStatus.Down, null);
        assertEquals(List.of("A-first", "Blank", "t1"), dao.getAll().stream().map(VmTemplate::getName).toList());
    }

    @Test
    void getAllForClusterLeavesOutBlank() {
        Cluster other = ClusterDaoTest.cluster("other", DEFAULT_STORAGE_POOL_ID);
        new ClusterDao(dataSource).save(other);
        VmTemplate inDefault = template("t1");
        VmTemplate inOther = template("t2");
        inOther.setClusterId(other.getId());
        dao.save(inDefault);
        dao.save(inOther);
        assertEquals(List.of(inDefault), dao.getAllForCluster(DEFAULT_CLUSTER_ID));
        assertEquals(List.of(inOther), dao.getAllForCluster(other.getId()));
    }

    @Test
    void updateChangesEverythingButCreationDate() {
        Cluster other = ClusterDaoTest.cluster("other", DEFAULT_STORAGE_POOL_ID);
        new ClusterDao(dataSource).save(other);
        VmTemplate t = template("t1");
        dao.save(t);
        Instant created = t.getCreationDate();
        t.setName("t1-renamed");
        t.setDescription(null);
        t.setClusterId(other.getId());
        t.setMemSizeMb(512);
        t.setNumOfCpus(1);
        t.setOsType("windows_2022");
        t.setCreationDate(Instant.parse("2030-01-01T00:00:00Z"));
        dao.update(t);
        VmTemplate read = dao.get(t.getId());
        assertEquals(t, read);
        assertEquals("other", read.getClusterName());
        assertEquals(created, read.getCreationDate());
    }

    @Test
    void remove() {
        VmTemplate t = template("t1");
        dao.save(t);
        dao.remove(t.getId());
        assertNull(dao.get(t.getId()));
    }

    @Test
    void removeIgnoresVms() {
        VmStatic vm = addVm("vm1", 1024, VMStatus.Down, null);
        dao.remove(vm.getId());
        assertNotNull(new VmStaticDao(dataSource).get(vm.getId()));
    }

    @Test
    void blankCannotBeRemoved() {
        DalException e = assertThrows(DalException.class, () -> dao.remove(BLANK_TEMPLATE_ID));
        assertEquals("23001", e.getSqlState()); // restrict_violation
    }

    @Test
    void templateUsedByAVmCannotBeRemoved() {
        VmTemplate t = template("t1");
        dao.save(t);
        VmStatic vm = VmStaticDaoTest.vm("vm1");
        vm.setTemplateId(t.getId());
        new VmStaticDao(dataSource).save(vm);
        DalException e = assertThrows(DalException.class, () -> dao.remove(t.getId()));
        assertTrue(e.isForeignKeyViolation(), e.getSqlState());
    }

    @Test
    void duplicateNameViolatesUniqueConstraint() {
        DalException e = assertThrows(DalException.class, () -> dao.save(template("Blank")));
        assertTrue(e.isUniqueViolation(), e.getSqlState());
    }

    @Test
    void onlyBlankMayLackACluster() {
        VmTemplate t = template("t1");
        t.setClusterId(null);
        DalException e = assertThrows(DalException.class, () -> dao.save(t));
        assertEquals("23514", e.getSqlState()); // check_violation
    }
}
