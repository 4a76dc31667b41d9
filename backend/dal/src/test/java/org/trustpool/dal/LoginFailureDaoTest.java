package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The back-off rules in PostgreSQL (R__login_failures_sp.sql). now() stands still inside a test's
 * transaction, so the waits come out exact; time passing is shown by moving the stored times back.
 */
class LoginFailureDaoTest extends DaoTestBase {
    private static final int MAX = 300;
    private static final int FREE = 4;
    private static final int MEMORY = 3600;
    private LoginFailureDao dao;

    @BeforeEach
    void setUp() {
        dao = new LoginFailureDao(dataSource);
    }

    private LoginFailureStore.Failure fail(String login, String source) {
        return dao.recordFailure(login, source, 0, MAX, FREE, MEMORY);
    }

    @Test
    void failuresFromOneAddressBackThatAddressOffDoublingUpToTheCap() {
        assertEquals(new LoginFailureStore.Wait(0, false), dao.waitFor("admin@internal", "203.0.113.9"));
        int[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300};
        for (int i = 0; i < expected.length; i++) {
            LoginFailureStore.Failure failure = fail("admin@internal", "203.0.113.9");
            assertEquals(i + 1, failure.sourceFailures());
            assertEquals(expected[i], failure.sourceWaitSeconds(), "after failure " + (i + 1));
            assertEquals(expected[i], dao.waitFor("admin@internal", "203.0.113.9").seconds());
        }
    }

    @Test
    void theFirstFreeFailuresFromAnAddressCostNoWait() {
        assertEquals(0, dao.recordFailure("bob@internal", "203.0.113.9", 3, MAX, FREE, MEMORY).sourceWaitSeconds());
        assertEquals(0, dao.recordFailure("bob@internal", "203.0.113.9", 3, MAX, FREE, MEMORY).sourceWaitSeconds());
        assertEquals(0, dao.recordFailure("bob@internal", "203.0.113.9", 3, MAX, FREE, MEMORY).sourceWaitSeconds());
        assertEquals(0, dao.waitFor("bob@internal", "203.0.113.9").seconds(), "three typing mistakes");
        assertEquals(1, dao.recordFailure("bob@internal", "203.0.113.9", 3, MAX, FREE, MEMORY).sourceWaitSeconds());
        assertEquals(2, dao.recordFailure("bob@internal", "203.0.113.9", 3, MAX, FREE, MEMORY).sourceWaitSeconds());
    }

    @Test
    void anotherAddressOfTheSameAccountIsNotAffectedUntilTheAccountCeiling() {
        for (int i = 0; i < FREE; i++) {
            fail("admin@internal", "203.0.113.9");
        }
        assertEquals(0, dao.waitFor("admin@internal", "198.51.100.7").seconds(), "the owner's desk is free");
        assertTrue(dao.waitFor("admin@internal", "203.0.113.9").seconds() > 0);
        assertEquals(0, dao.waitFor("other@internal", "203.0.113.9").seconds(), "the back-off is per account");

        // guessing from many addresses: past FREE failures in all, new addresses wait too (gentler slope)
        LoginFailureStore.Failure fifth = fail("admin@internal", "192.0.2.1");
        assertEquals(FREE + 1, fifth.accountFailures());
        assertEquals(1, fifth.accountWaitSeconds());
        assertEquals(1, dao.waitFor("admin@internal", "192.0.2.200").seconds(), "an address never seen waits");
        for (int i = 0; i < 5; i++) {
            fail("admin@internal", "192.0.2." + (10 + i));
        }
        assertEquals(2, dao.waitFor("admin@internal", "192.0.2.201").seconds(), "doubles every five failures");
    }

    @Test
    void anAddressTheAccountLoggedInFromIsExemptFromTheAccountCeilingAndASuccessClearsIt() {
        dao.recordSuccess("admin@internal", "198.51.100.7"); // the admin's desk
        for (int i = 0; i < FREE + 20; i++) {
            fail("admin@internal", "192.0.2." + i);
        }
        assertTrue(dao.waitFor("admin@internal", "192.0.2.250").seconds() > 0);
        LoginFailureStore.Wait desk = dao.waitFor("admin@internal", "198.51.100.7");
        assertEquals(0, desk.seconds(), "an attacker cannot shut the owner out");
        assertTrue(desk.proven());

        fail("admin@internal", "198.51.100.7"); // the admin mistypes: the desk backs off like anyone else
        assertEquals(1, dao.waitFor("admin@internal", "198.51.100.7").seconds());
        dao.recordSuccess("admin@internal", "198.51.100.7");
        assertEquals(0, dao.waitFor("admin@internal", "198.51.100.7").seconds());
        assertEquals(1, fail("admin@internal", "198.51.100.7").sourceFailures(), "a success starts the count again");
        assertEquals(FREE + 23, fail("admin@internal", "192.0.2.1").accountFailures(), "but never the account's count");
    }

    @Test
    void oldFailuresAreForgottenAndANewPasswordLiftsTheBackOff() throws Exception {
        for (int i = 0; i < 6; i++) {
            fail("alice@internal", "203.0.113.9");
        }
        execute("UPDATE login_failures SET last_failure = now() - interval '3601 seconds', blocked_until = now() - interval '1 second'"
                + " WHERE login = 'alice@internal'");
        assertEquals(0, dao.waitFor("alice@internal", "203.0.113.9").seconds());
        assertEquals(1, fail("alice@internal", "203.0.113.9").sourceFailures(), "forgotten after LoginFailureMemorySeconds");

        new DbUserDao(dataSource).save(DbUserDaoTest.user("alice", "internal", org.trustpool.common.businessentities.Role.READ_ONLY));
        for (int i = 0; i < 6; i++) {
            fail("alice@internal", "203.0.113.9");
        }
        assertTrue(dao.waitFor("alice@internal", "203.0.113.9").seconds() > 0);
        assertTrue(new DbUserDao(dataSource).setPassword("alice", "internal", "pbkdf2:new"));
        assertEquals(0, dao.waitFor("alice@internal", "203.0.113.9").seconds(), "an administrator's new password lifts it");
    }

    @Test
    void unknownNamesBackOffExactlyLikeKnownOnes() {
        assertEquals(fail("admin@internal", "203.0.113.9"), fail("nobody@internal", "203.0.113.9"));
        assertFalse(dao.waitFor("nobody@internal", "203.0.113.9").proven());
        assertEquals(1, dao.waitFor("nobody@internal", "203.0.113.9").seconds());
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }
}
