package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VdsStatic;

class VdsStaticDaoTest extends DaoTestBase {
    private VdsStaticDao dao;

    @BeforeEach
    void setUp() {
        dao = new VdsStaticDao(dataSource);
    }

    static VdsStatic host(String name, String hostName, int port) {
        VdsStatic v = new VdsStatic();
        v.setId(UUID.randomUUID());
        v.setName(name);
        v.setHostName(hostName);
        v.setPort(port);
        v.setClusterId(DEFAULT_CLUSTER_ID);
        v.setComment("rack 4");
        return v;
    }

    @Test
    void saveThenGetById() {
        VdsStatic v = host("h1", "h1.example.com", 54321);
        dao.save(v);
        assertEquals(v, dao.get(v.getId()));
    }

    @Test
    void getByName() {
        VdsStatic v = host("h1", "h1.example.com", 54321);
        dao.save(v);
        assertEquals(v, dao.getByName("h1"));
    }

    @Test
    void getByHostNameAndPort() {
        VdsStatic v = host("h1", "h1.example.com", 54321);
        dao.save(v);
        assertEquals(v, dao.getByHostNameAndPort("h1.example.com", 54321));
        assertNull(dao.getByHostNameAndPort("h1.example.com", 54322));
        assertNull(dao.getByHostNameAndPort("h2.example.com", 54321));
    }

    @Test
    void unknownIdOrNameGivesNull() {
        assertNull(dao.get(UUID.randomUUID()));
        assertNull(dao.getByName("no such host"));
    }

    @Test
    void updateChangesEveryField() {
        Cluster other = ClusterDaoTest.cluster("other", DEFAULT_STORAGE_POOL_ID);
        new ClusterDao(dataSource).save(other);
        VdsStatic v = host("h1", "h1.example.com", 54321);
        dao.save(v);
        v.setName("h1-renamed");
        v.setHostName("10.0.0.1");
        v.setPort(1234);
        v.setClusterId(other.getId());
        v.setComment(null);
        dao.update(v);
        assertEquals(v, dao.get(v.getId()));
    }

    @Test
    void removeAlsoRemovesDynamicPart() {
        VdsStatic v = addHost("h1", 8192);
        assertNotNull(new VdsDynamicDao(dataSource).get(v.getId()));
        dao.remove(v.getId());
        assertNull(dao.get(v.getId()));
        assertNull(new VdsDynamicDao(dataSource).get(v.getId()));
    }

    @Test
    void duplicateNameViolatesUniqueConstraint() {
        dao.save(host("h1", "h1.example.com", 54321));
        DalException e = assertThrows(DalException.class, () -> dao.save(host("h1", "other.example.com", 54321)));
        assertTrue(e.isUniqueViolation(), e.getSqlState());
    }

    @Test
    void duplicateHostNameAndPortViolatesUniqueConstraint() {
        dao.save(host("h1", "h1.example.com", 54321));
        dao.save(host("h1-second-agent", "h1.example.com", 54322)); // another port is another agent
        DalException e = assertThrows(DalException.class, () -> dao.save(host("h2", "h1.example.com", 54321)));
        assertTrue(e.isUniqueViolation(), e.getSqlState());
    }

    @Test
    void unknownClusterViolatesForeignKey() {
        VdsStatic v = host("h1", "h1.example.com", 54321);
        v.setClusterId(UUID.randomUUID());
        DalException e = assertThrows(DalException.class, () -> dao.save(v));
        assertTrue(e.isForeignKeyViolation(), e.getSqlState());
    }
}
