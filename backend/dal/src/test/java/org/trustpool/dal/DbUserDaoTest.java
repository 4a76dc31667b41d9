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
    void theThirdFailureInARowLocksForTheGivenTimeAndSuccessOrANewPasswordUnlocks() {
        DbUser u = user("alice", "internal", Role.READ_ONLY);
        dao.save(u);
        assertFalse(dao.recordLoginFailure(u.getId(), 3, 60));
        assertFalse(dao.recordLoginFailure(u.getId(), 3, 60));
        assertEquals(2, dao.get(u.getId()).getFailedLogins());
        dao.recordLoginSuccess(u.getId());
        assertEquals(0, dao.get(u.getId()).getFailedLogins(), "a good password starts the count again");

        Instant before = Instant.now();
        for (int i = 0; i < 2; i++) {
            assertFalse(dao.recordLoginFailure(u.getId(), 3, 60));
        }
        assertTrue(dao.recordLoginFailure(u.getId(), 3, 60), "the third in a row locks");
        DbUser locked = dao.get(u.getId());
        assertTrue(locked.isLockedAt(before.plusSeconds(50)), String.valueOf(locked.getLockedUntil()));
        assertFalse(locked.isLockedAt(before.plusSeconds(70)), String.valueOf(locked.getLockedUntil()));
        assertEquals(0, locked.getFailedLogins());

        assertTrue(dao.setPassword("alice", "internal", "pbkdf2:reset"));
        assertNull(dao.get(u.getId()).getLockedUntil(), "an administrator's new password lifts the lock");
        assertFalse(dao.recordLoginFailure(UUID.randomUUID(), 1, 60), "no such user: nothing locked");
    }
}
