package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.StoragePool;

class StoragePoolDaoTest extends DaoTestBase {
    private StoragePoolDao dao;

    @BeforeEach
    void setUp() {
        dao = new StoragePoolDao(dataSource);
    }

    static StoragePool pool(String name) {
        StoragePool p = new StoragePool();
        p.setId(UUID.randomUUID());
        p.setName(name);
        p.setDescription(name + " data center");
        p.setCompatibilityVersion("4.7");
        return p;
    }

    @Test
    void seedHasDefaultDataCenter() {
        StoragePool def = dao.get(DEFAULT_STORAGE_POOL_ID);
        assertEquals("Default", def.getName());
        assertEquals("4.7", def.getCompatibilityVersion());
        assertEquals(DEFAULT_STORAGE_POOL_ID, dao.getByName("Default").getId());
    }

    @Test
    void saveThenGetById() {
        StoragePool p = pool("dc1");
        dao.save(p);
        assertEquals(p, dao.get(p.getId()));
    }

    @Test
    void getByName() {
        StoragePool p = pool("dc1");
        dao.save(p);
        assertEquals(p, dao.getByName("dc1"));
    }

    @Test
    void unknownIdOrNameGivesNull() {
        assertNull(dao.get(UUID.randomUUID()));
        assertNull(dao.getByName("no such dc"));
    }

    @Test
    void getAllListsAllByName() {
        StoragePool p = pool("A-first");
        dao.save(p);
        List<StoragePool> all = dao.getAll();
        assertEquals(List.of("A-first", "Default"), all.stream().map(StoragePool::getName).toList());
    }

    @Test
    void updateChangesEveryField() {
        StoragePool p = pool("dc1");
        dao.save(p);
        p.setName("dc1-renamed");
        p.setDescription(null);
        p.setCompatibilityVersion("4.8");
        dao.update(p);
        assertEquals(p, dao.get(p.getId()));
    }

    @Test
    void duplicateNameViolatesUniqueConstraint() {
        StoragePool p = pool("Default");
        DalException e = assertThrows(DalException.class, () -> dao.save(p));
        assertTrue(e.isUniqueViolation(), e.getSqlState());
    }
}
