package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;

class DbUserDaoTest extends DaoTestBase {
    private DbUserDao dao;

    @BeforeEach
    void setUp() {
        dao = new DbUserDao(dataSource);
    }

    static DbUser user(String name, String domain, Role role) {
        DbUser u = new DbUser();
        u.setId(UUID.randomUUID());
        u.setName(name);
        u.setDomain(domain);
        u.setRole(role);
        u.setPasswordHash("pbkdf2:hash-of-" + name);
        return u;
    }

    private static void assertSameUser(DbUser expected, DbUser actual) {
        assertEquals(expected.getId(), actual.getId());
        assertEquals(expected.getName(), actual.getName());
        assertEquals(expected.getDomain(), actual.getDomain());
        assertEquals(expected.getRole(), actual.getRole());
        assertEquals(expected.getPasswordHash(), actual.getPasswordHash());
    }

    @Test
    void seedHasAdminWithoutPassword() {
        DbUser admin = dao.getByNameAndDomain("admin", "internal");
        assertEquals(ADMIN_USER_ID, admin.getId());
        assertEquals(Role.ADMIN, admin.getRole());
        assertNull(admin.getPasswordHash());
        assertEquals("admin@internal", admin.getLoginName());
    }

    @Test
    void saveThenGetById() {
        DbUser u = user("alice", "internal", Role.READ_ONLY);
        dao.save(u);
        assertSameUser(u, dao.get(u.getId()));
    }

    @Test
    void getByNameAndDomainTellsDomainsApart() {
        DbUser internal = user("alice", "internal", Role.READ_ONLY);
        DbUser corp = user("alice", "corp.example.com", Role.ADMIN);
        dao.save(internal);
        dao.save(corp);
        assertSameUser(internal, dao.getByNameAndDomain("alice", "internal"));
        assertSameUser(corp, dao.getByNameAndDomain("alice", "corp.example.com"));
        assertNull(dao.getByNameAndDomain("alice", "elsewhere"));
    }

    @Test
    void unknownIdGivesNull() {
        assertNull(dao.get(UUID.randomUUID()));
    }

    @Test
    void getAllListsByDomainThenName() {
        dao.save(user("bob", "internal", Role.READ_ONLY));
        dao.save(user("zed", "corp", Role.READ_ONLY));
        List<String> logins = dao.getAll().stream().map(DbUser::getLoginName).toList();
        assertEquals(List.of("zed@corp", "admin@internal", "bob@internal"), logins);
    }

    @Test
    void updateChangesNameDomainAndRoleButNotThePassword() {
        DbUser u = user("alice", "internal", Role.READ_ONLY);
        dao.save(u);
        u.setName("alice2");
        u.setDomain("corp");
        u.setRole(Role.ADMIN);
        u.setPasswordHash(null);
        dao.update(u);
        DbUser read = dao.get(u.getId());
        assertEquals("alice2", read.getName());
        assertEquals("corp", read.getDomain());
        assertEquals(Role.ADMIN, read.getRole());
        assertEquals("pbkdf2:hash-of-alice", read.getPasswordHash());
    }

    @Test
    void setPasswordStoresTheHashAndTellsWhetherTheUserExists() {
        assertTrue(dao.setPassword("admin", "internal", "pbkdf2:new"));
        assertEquals("pbkdf2:new", dao.get(ADMIN_USER_ID).getPasswordHash());
        assertFalse(dao.setPassword("admin", "nowhere", "pbkdf2:x"));
    }

    @Test
    void remove() {
        DbUser u = user("alice", "internal", Role.READ_ONLY);
        dao.save(u);
        dao.remove(u.getId());
        assertNull(dao.get(u.getId()));
    }

    @Test
    void duplicateNameAndDomainViolatesUniqueConstraint() {
        DalException e = assertThrows(DalException.class, () -> dao.save(user("admin", "internal", Role.ADMIN)));
        assertTrue(e.isUniqueViolation(), e.getSqlState());
    }

    @Test
    void aRehashReplacesOnlyTheHashThatWasVerifiedAndKeepsTheTokens() {
        DbUser u = user("dora", "internal", Role.ADMIN);
        dao.save(u);
        SsoTokenDao tokens = new SsoTokenDao(dataSource);
        tokens.save("hash-of-doras-token", u.getId(), "ovirt-app-api", Instant.now().plusSeconds(600));
        assertTrue(dao.rehashPassword(u.getId(), u.getPasswordHash(), "pbkdf2:stronger"));
        assertEquals("pbkdf2:stronger", dao.get(u.getId()).getPasswordHash());
        assertEquals("dora", tokens.getUser("hash-of-doras-token").getName(), "the password did not change: the session stays");
        assertFalse(dao.rehashPassword(u.getId(), u.getPasswordHash(), "pbkdf2:late"), "an administrator's new password (here: the first rehash) wins");
        assertEquals("pbkdf2:stronger", dao.get(u.getId()).getPasswordHash());
    }

    @Test
    void aNewPasswordEndsTheUsersSsoTokens() {
        DbUser u = user("carol", "internal", Role.ADMIN);
        dao.save(u);
        SsoTokenDao tokens = new SsoTokenDao(dataSource);
        tokens.save("hash-of-carols-token", u.getId(), "ovirt-app-api", Instant.now().plusSeconds(600));
        assertEquals("carol", tokens.getUser("hash-of-carols-token").getName());
        assertTrue(dao.setPassword("carol", "internal", "pbkdf2:new"));
        assertNull(tokens.getUser("hash-of-carols-token"), "a session made with the old password ends");
    }
}
