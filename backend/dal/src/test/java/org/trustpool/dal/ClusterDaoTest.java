package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.StoragePool;

class ClusterDaoTest extends DaoTestBase {
    private ClusterDao dao;

    @BeforeEach
    void setUp() {
        dao = new ClusterDao(dataSource);
    }

    static Cluster cluster(String name, UUID storagePoolId) {
        Cluster c = new Cluster();
        c.setId(UUID.randomUUID());
        c.setName(name);
        c.setDescription(name + " cluster");
        c.setStoragePoolId(storagePoolId);
        c.setCpuName("Intel Skylake Server Family");
        c.setCompatibilityVersion("4.7");
        return c;
    }

    @Test
    void seedHasDefaultClusterInDefaultDataCenter() {
        Cluster def = dao.get(DEFAULT_CLUSTER_ID);
        assertEquals("Default", def.getName());
        assertEquals(DEFAULT_STORAGE_POOL_ID, def.getStoragePoolId());
        assertEquals("Default", def.getStoragePoolName());
        assertEquals("Intel SandyBridge Family", def.getCpuName());
        assertEquals("4.7", def.getCompatibilityVersion());
    }

    @Test
    void saveThenGetByIdWithDataCenterName() {
        Cluster c = cluster("c1", DEFAULT_STORAGE_POOL_ID);
        dao.save(c);
        Cluster read = dao.get(c.getId());
        assertEquals(c, read);
        assertEquals("Default", read.getStoragePoolName());
    }

    @Test
    void clusterMayHaveNoDataCenter() {
        Cluster c = cluster("loose", null);
        dao.save(c);
        Cluster read = dao.get(c.getId());
        assertNull(read.getStoragePoolId());
        assertNull(read.getStoragePoolName());
    }

    @Test
    void getByName() {
        Cluster c = cluster("c1", DEFAULT_STORAGE_POOL_ID);
        dao.save(c);
        assertEquals(c, dao.getByName("c1"));
    }

    @Test
    void unknownIdOrNameGivesNull() {
        assertNull(dao.get(UUID.randomUUID()));
        assertNull(dao.getByName("no such cluster"));
    }

    @Test
    void getAllListsAllByName() {
        dao.save(cluster("A-first", DEFAULT_STORAGE_POOL_ID));
        assertEquals(List.of("A-first", "Default"), dao.getAll().stream().map(Cluster::getName).toList());
    }

    @Test
    void getAllForStoragePool() {
        StoragePool other = StoragePoolDaoTest.pool("other-dc");
        new StoragePoolDao(dataSource).save(other);
        Cluster inOther = cluster("in-other", other.getId());
        dao.save(inOther);

        assertEquals(List.of(inOther), dao.getAllForStoragePool(other.getId()));
        assertEquals(List.of("Default"),
                dao.getAllForStoragePool(DEFAULT_STORAGE_POOL_ID).stream().map(Cluster::getName).toList());
        assertTrue(dao.getAllForStoragePool(UUID.randomUUID()).isEmpty());
    }

    @Test
    void updateChangesEveryField() {
        StoragePool other = StoragePoolDaoTest.pool("other-dc");
        new StoragePoolDao(dataSource).save(other);
        Cluster c = cluster("c1", DEFAULT_STORAGE_POOL_ID);
        dao.save(c);
        c.setName("c1-renamed");
        c.setDescription("changed");
        c.setStoragePoolId(other.getId());
        c.setCpuName("AMD EPYC");
        c.setCompatibilityVersion("4.8");
        dao.update(c);
        Cluster read = dao.get(c.getId());
        assertEquals(c, read);
        assertEquals("other-dc", read.getStoragePoolName());
    }

    @Test
    void remove() {
        Cluster c = cluster("c1", DEFAULT_STORAGE_POOL_ID);
        dao.save(c);
        dao.remove(c.getId());
        assertNull(dao.get(c.getId()));
    }

    @Test
    void duplicateNameViolatesUniqueConstraint() {
        DalException e = assertThrows(DalException.class, () -> dao.save(cluster("Default", DEFAULT_STORAGE_POOL_ID)));
        assertTrue(e.isUniqueViolation(), e.getSqlState());
        assertTrue(e.getCause() instanceof java.sql.SQLException);
    }

    @Test
    void unknownDataCenterViolatesForeignKey() {
        DalException e = assertThrows(DalException.class, () -> dao.save(cluster("c1", UUID.randomUUID())));
        assertTrue(e.isForeignKeyViolation(), e.getSqlState());
    }

    @Test
    void clusterWithHostsCannotBeRemoved() {
        addHost("h1", 8192);
        DalException e = assertThrows(DalException.class, () -> dao.remove(DEFAULT_CLUSTER_ID));
        assertTrue(e.isForeignKeyViolation(), e.getSqlState());
    }
}
