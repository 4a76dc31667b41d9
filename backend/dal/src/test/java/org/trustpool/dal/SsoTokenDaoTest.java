package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;

class SsoTokenDaoTest extends DaoTestBase {
    private SsoTokenDao dao;
    private DbUser user;

    @BeforeEach
    void setUp() {
        dao = new SsoTokenDao(dataSource);
        user = DbUserDaoTest.user("tok", "internal", Role.READ_ONLY);
        new DbUserDao(dataSource).save(user);
    }

    @Test
    void validTokenNamesItsUserUntilRemoved() {
        dao.save("hash-a", user.getId(), "ovirt-app-api", Instant.now().plus(1, ChronoUnit.HOURS));
        assertEquals(user.getId(), dao.getUser("hash-a").getId());
        assertNull(dao.getUser("hash-b"));
        dao.remove("hash-a");
        assertNull(dao.getUser("hash-a"));
    }

    @Test
    void expiredTokenNamesNobodyAndIsSweptAway() {
        dao.save("old", user.getId(), "ovirt-app-api", Instant.now().minus(1, ChronoUnit.MINUTES));
        dao.save("new", user.getId(), "ovirt-app-api", Instant.now().plus(1, ChronoUnit.HOURS));
        assertNull(dao.getUser("old"));
        assertTrue(dao.removeExpired() >= 1);
        assertEquals(user.getId(), dao.getUser("new").getId());
    }

    @Test
    void removingTheUserRemovesItsTokens() {
        dao.save("gone", user.getId(), "ovirt-app-api", Instant.now().plus(1, ChronoUnit.HOURS));
        new DbUserDao(dataSource).remove(user.getId());
        assertNull(dao.getUser("gone"));
    }
}
