package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.bll.user.InMemoryLoginFailures;
import org.trustpool.bll.user.LoginResult;
import org.trustpool.bll.user.LoginService;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.utils.PasswordHash;
import org.trustpool.dal.LoginFailureStore;

/**
 * Logins: the right password, wrong ones, and the back-off per account and address that an attacker
 * cannot turn against the account's owner. The back-off rules are the database's (LoginFailureDaoTest
 * shows them in PostgreSQL); here they are kept in memory with the same rules.
 */
class LoginServiceTest {
    private static final int ITERATIONS = 2_000; // cheap hashes: the tests count checks, not seconds
    private static final String ATTACKER = "203.0.113.9";
    private static final String DESK = "198.51.100.7";
    private final Fixtures f = new Fixtures();
    private final DbUser alice = new DbUser();
    private LoginFailureStore failures;
    private LoginService logins;

    @BeforeEach
    void setUp() {
        alice.setId(UUID.randomUUID());
        alice.setName("alice");
        alice.setRole(Role.ADMIN);
        alice.setPasswordHash(PasswordHash.hash("right-password", ITERATIONS));
        when(f.dbUserDao.getByNameAndDomain("alice", "internal")).thenReturn(alice);
        when(f.dbUserDao.rehashPassword(any(), anyString(), anyString())).thenReturn(true);
        option("LoginAccountFreeFailures", "5");
        option("LoginSourceFreeFailures", "0"); // every failure backs off, to keep the sequences short
        option("LoginHashesPerSecond", "1000"); // the test clock stands still: no refill of the global rate
        failures = spy(new InMemoryLoginFailures(f.clock));
        logins = new LoginService(f.dbUserDao, failures, f.context.config(), f.context.auditLogDirector(), f.clock, ITERATIONS);
    }

    private void option(String name, String value) {
        when(f.vdcOptionDao.get(name)).thenReturn(new VdcOption(name, value));
    }

    private LoginResult login(String user, String password, String source) {
        return logins.login(user, password, source);
    }

    private List<AuditLog> audits() {
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, org.mockito.Mockito.atLeast(0)).save(audit.capture());
        return audit.getAllValues();
    }

    @Test
    void theRightPasswordLetsInAndWrongOnesAndUnknownUsersGetTheSameRefusal() {
        assertTrue(login("alice@internal", "right-password", DESK).accepted());
        LoginResult wrong = login("alice@internal", "wrong", "192.0.2.1");
        LoginResult unknown = login("bob@internal", "right-password", "192.0.2.2");
        assertFalse(wrong.accepted() || wrong.throttled());
        assertEquals(wrong, unknown, "the same answer: nobody learns which accounts exist");
        assertNull(logins.authenticate("alice", "right-password", "192.0.2.3"));
        assertNull(logins.authenticate(null, null, DESK));
    }

    @Test
    void wrongPasswordsFromOneAddressBackOffThatAddressOnlyNeverTheOwnersDesk() {
        assertTrue(login("alice@internal", "right-password", DESK).accepted()); // the owner's usual address
        logins = new LoginService(f.dbUserDao, failures, f.context.config(), f.context.auditLogDirector(), f.clock, ITERATIONS); // nothing remembered
        int[] waits = {1, 2, 4, 8, 16};
        for (int wait : waits) {
            assertFalse(login("alice@internal", "guess", ATTACKER).accepted());
            LoginResult next = login("alice@internal", "guess", ATTACKER);
            assertTrue(next.throttled(), "refused before any hashing");
            assertEquals(wait, next.retryAfterSeconds());
            f.clock.advance(Duration.ofSeconds(wait));
        }
        assertTrue(login("alice@internal", "right-password", DESK).accepted(), "five wrong passwords from elsewhere lock nobody out");
        assertTrue(login("alice@internal", "right-password", "192.0.2.77").accepted(), "nor a new address, below the account ceiling");
        AuditLog backedOff = audits().stream().filter(a -> a.getLogType().equals("USER_LOGIN_BACKED_OFF")).findFirst().orElseThrow();
        assertEquals("5 wrong passwords for alice@internal from 203.0.113.9: its next attempt waits 16 seconds, doubling with each further"
                + " failure up to 300 seconds. Logins from other addresses are not affected.", backedOff.getMessage());
    }

    @Test
    void guessingFromManyAddressesStaysSlowButTheOwnerGetsIn() {
        assertTrue(login("alice@internal", "right-password", DESK).accepted());
        logins = new LoginService(f.dbUserDao, failures, f.context.config(), f.context.auditLogDirector(), f.clock, ITERATIONS);
        for (int i = 0; i < 6; i++) { // LoginAccountFreeFailures is 5 here
            assertFalse(login("alice@internal", "guess-" + i, "192.0.2." + i).throttled());
        }
        assertTrue(login("alice@internal", "guess", "192.0.2.100").throttled(), "a fresh address now waits too");
        assertTrue(login("alice@internal", "right-password", DESK).accepted(), "the desk the owner logs in from does not");
        assertTrue(audits().stream().anyMatch(a -> a.getLogType().equals("USER_ACCOUNT_LOCKED")
                && a.getMessage().startsWith("Account alice@internal had 6 failed logins from all addresses together")));
    }

    @Test
    void aThrottledAttemptChecksNothingEvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            login("alice@internal", "guess", ATTACKER);
            f.clock.advance(Duration.ofSeconds(1 << i));
        }
        login("alice@internal", "guess", ATTACKER); // the fourth failure: 8 s to wait
        LoginResult refused = login("alice@internal", "right-password", ATTACKER);
        assertTrue(refused.throttled());
        assertEquals(8, refused.retryAfterSeconds());
        // every check records its outcome; a throttled attempt recorded none
        verify(failures, times(4)).recordFailure(any(), any(), org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.anyInt(),
                org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.anyInt());
        verify(failures, never()).recordSuccess(any(), any());
    }

    @Test
    void aRememberedLoginIsNeverThrottledNorCounted() {
        assertTrue(login("alice@internal", "right-password", ATTACKER).accepted());
        for (int i = 0; i < 10; i++) {
            login("alice@internal", "guess", ATTACKER);
        }
        assertTrue(login("alice@internal", "right-password", ATTACKER).accepted(), "the right password, verified a moment ago");
        verify(failures, times(1)).recordSuccess(any(), any());
    }

    @Test
    void aRememberedLoginEndsWithANewPasswordAndAfterItsTime() {
        assertTrue(login("alice@internal", "right-password", DESK).accepted());
        assertTrue(login("alice@internal", "right-password", DESK).accepted(), "remembered");
        alice.setPasswordHash(PasswordHash.hash("new-password", ITERATIONS)); // an administrator set a new one
        assertFalse(login("alice@internal", "right-password", DESK).accepted(), "the old password no longer opens, remembered or not");
        f.clock.advance(Duration.ofSeconds(1));
        assertTrue(login("alice@internal", "new-password", DESK).accepted());
        f.clock.advance(Duration.ofMinutes(5));
        assertTrue(login("alice@internal", "new-password", DESK).accepted(), "verified afresh after its time");
        assertFalse(login("alice@interna", "lnew-password", "192.0.2.9").accepted(), "login and password are kept apart in the key");
    }

    @Test
    void anOldWeakerHashIsReplacedAtTheNextSuccessfulLoginOnce() {
        String weak = PasswordHash.hash("right-password", 1_000);
        alice.setPasswordHash(weak);
        assertTrue(login("alice@internal", "right-password", DESK).accepted());
        ArgumentCaptor<String> stronger = ArgumentCaptor.forClass(String.class);
        verify(f.dbUserDao).rehashPassword(eq(alice.getId()), eq(weak), stronger.capture());
        assertEquals(ITERATIONS, PasswordHash.iterations(stronger.getValue()));
        assertTrue(PasswordHash.verify("right-password", stronger.getValue()));
        assertEquals(stronger.getValue(), alice.getPasswordHash());
        assertTrue(login("alice@internal", "right-password", DESK).accepted(), "remembered against the new hash");
        f.clock.advance(Duration.ofMinutes(5));
        assertTrue(login("alice@internal", "right-password", DESK).accepted());
        verify(f.dbUserDao, times(1)).rehashPassword(any(), anyString(), anyString());
    }

    @Test
    void manyAccountsFailingFromOneAddressMakeItWaitForTheRestOfTheMinute() {
        option("LoginMaxAccountsPerSource", "3");
        for (String account : new String[] {"bob@internal", "carol@internal", "dave@internal"}) {
            assertFalse(login(account, "Summer2026!", ATTACKER).accepted());
        }
        LoginResult refused = login("alice@internal", "right-password", ATTACKER);
        assertTrue(refused.throttled(), "refused from that address, even the right password");
        assertEquals(60, refused.retryAfterSeconds());
        assertTrue(login("alice@internal", "right-password", DESK).accepted(), "other addresses are not affected");
        assertTrue(audits().stream().anyMatch(a -> a.getMessage().equals(
                "Logins from 203.0.113.9 are refused for the rest of the minute: logins for 3 different accounts failed from there within it.")));
        f.clock.advance(Duration.ofSeconds(61));
        assertTrue(login("alice@internal", "right-password", ATTACKER).accepted(), "a new minute, a new count");
    }

    @Test
    void oneAddressGetsOnlySoManyHashesAMinuteWhateverNamesItTries() {
        option("LoginHashesPerSourcePerMinute", "8"); // a burst of 2, then one every 7.5 s
        option("LoginMaxAccountsPerSource", "1000");
        logins = new LoginService(f.dbUserDao, failures, f.context.config(), f.context.auditLogDirector(), f.clock, ITERATIONS);
        assertFalse(login("u1@internal", "x", ATTACKER).throttled());
        assertFalse(login("u2@internal", "x", ATTACKER).throttled());
        assertTrue(login("u3@internal", "x", ATTACKER).throttled(), "the burst is spent: no dummy hash for unknown names");
        assertFalse(login("alice@internal", "right-password", DESK).throttled(), "another address has its own allowance");
        f.clock.advance(Duration.ofSeconds(8));
        assertFalse(login("u4@internal", "x", ATTACKER).throttled());
    }

    @Test
    void aClientSendingSeveralRequestsAtOnceIsLetInOnceItsFirstCheckPassed() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<LoginResult>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) { // the portal's lists, right after logging in
                answers.add(pool.submit(() -> {
                    go.await();
                    return logins.login("alice@internal", "right-password", "192.0.2.10");
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<LoginResult> answer : answers) {
                assertTrue(answer.get(30, java.util.concurrent.TimeUnit.SECONDS).accepted(), "a request of a right login was refused");
            }
        } finally {
            pool.shutdownNow();
        }
        verify(failures, times(1)).recordSuccess(any(), any());
    }

    @Test
    void noAddressMeansOneSharedUnknownAddress() {
        assertNotNull(logins.authenticate("alice@internal", "right-password", null));
        assertFalse(login("alice@internal", "guess", null).accepted());
        assertTrue(login("alice@internal", "guess", "").throttled(), "callers without an address share one back-off");
    }
}
