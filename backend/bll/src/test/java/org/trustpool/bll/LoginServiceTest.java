package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.bll.user.LoginService;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.utils.PasswordHash;

/** Logins: the right password, the wrong one, and the lock after too many wrong ones in a row. */
class LoginServiceTest {
    private final Fixtures f = new Fixtures();
    private final DbUser alice = new DbUser();
    private LoginService logins;

    @BeforeEach
    void setUp() {
        alice.setId(UUID.randomUUID());
        alice.setName("alice");
        alice.setRole(Role.ADMIN);
        alice.setPasswordHash(PasswordHash.hash("right-password"));
        when(f.dbUserDao.getByNameAndDomain("alice", "internal")).thenReturn(alice);
        when(f.vdcOptionDao.get("LoginMaxFailures")).thenReturn(new VdcOption("LoginMaxFailures", "3"));
        when(f.vdcOptionDao.get("LoginLockoutSeconds")).thenReturn(new VdcOption("LoginLockoutSeconds", "60"));
        // the database's side, as BeginUserLogin/EndUserLogin keep it (their SQL is tested in DbUserDaoTest)
        AtomicInteger failures = new AtomicInteger();
        when(f.dbUserDao.beginLogin(eq(alice.getId()), anyInt(), anyInt())).thenAnswer(call -> !alice.isLockedAt(f.clock.instant()));
        when(f.dbUserDao.endLogin(eq(alice.getId()), eq(false), anyInt(), anyInt())).thenAnswer(call -> {
            if (failures.incrementAndGet() < (int) call.getArgument(2)) {
                return false;
            }
            failures.set(0);
            alice.setLockedUntil(f.clock.instant().plusSeconds((int) call.getArgument(3)));
            return true;
        });
        logins = new LoginService(f.dbUserDao, f.context.config(), f.context.auditLogDirector(), f.clock);
    }

    @Test
    void theRightPasswordLetsInAndWrongOnesAndUnknownUsersGetTheSameNull() {
        assertNotNull(logins.authenticate("alice@internal", "right-password"));
        assertNull(logins.authenticate("alice@internal", "wrong"));
        assertNull(logins.authenticate("bob@internal", "right-password"));
        assertNull(logins.authenticate("alice", "right-password"));
        assertNull(logins.authenticate(null, null));
        verify(f.dbUserDao, times(1)).endLogin(eq(alice.getId()), eq(false), eq(3), eq(60));
        verify(f.dbUserDao, times(2)).beginLogin(eq(alice.getId()), eq(3), eq(60));
    }

    @Test
    void threeWrongPasswordsInARowLockTheAccountEvenForTheRightOneUntilTheLockEnds() {
        for (int i = 0; i < 3; i++) {
            assertNull(logins.authenticate("alice@internal", "guess-" + i));
        }
        assertNull(logins.authenticate("alice@internal", "right-password"), "locked: even the right password is refused");
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao).save(audit.capture());
        assertEquals("USER_ACCOUNT_LOCKED", audit.getValue().getLogType());
        assertEquals("Account alice@internal was locked for 60 seconds after 3 wrong passwords within 60 seconds.", audit.getValue().getMessage());
        verify(f.dbUserDao, times(3)).endLogin(any(), eq(false), anyInt(), anyInt()); // a try while locked checks nothing

        f.clock.advance(java.time.Duration.ofSeconds(61));
        assertNotNull(logins.authenticate("alice@internal", "right-password"), "the lock ends by itself");
        verify(f.dbUserDao).endLogin(alice.getId(), true, 3, 60);
    }

    @Test
    void aRememberedLoginIsNotCountedAgain() {
        assertNotNull(logins.authenticate("alice@internal", "right-password"));
        assertNotNull(logins.authenticate("alice@internal", "right-password"));
        assertNotNull(logins.authenticate("alice@internal", "right-password"));
        verify(f.dbUserDao, times(1)).beginLogin(any(), anyInt(), anyInt());
    }

    @Test
    void aRefusedReservationChecksNoPassword() {
        when(f.dbUserDao.beginLogin(eq(alice.getId()), anyInt(), anyInt())).thenReturn(false); // limit reached by attempts in flight
        assertNull(logins.authenticate("alice@internal", "right-password"));
        verify(f.dbUserDao, never()).endLogin(any(), org.mockito.ArgumentMatchers.anyBoolean(), anyInt(), anyInt());
    }

    @Test
    void aRememberedLoginEndsWithANewPasswordAndAfterItsTime() {
        assertNotNull(logins.authenticate("alice@internal", "right-password"));
        assertNotNull(logins.authenticate("alice@internal", "right-password"), "remembered");
        alice.setPasswordHash(PasswordHash.hash("new-password")); // an administrator set a new one
        assertNull(logins.authenticate("alice@internal", "right-password"), "the old password no longer opens, remembered or not");
        assertNotNull(logins.authenticate("alice@internal", "new-password"));

        f.clock.advance(java.time.Duration.ofMinutes(5));
        assertNotNull(logins.authenticate("alice@internal", "new-password"), "verified afresh after its time");
        assertNull(logins.authenticate("alice@internal", "new-passwor"));
        assertNull(logins.authenticate("alice@interna", "lnew-password"), "login and password are kept apart in the key");
    }

    @Test
    void aLockedAccountIsRefusedEvenWhenItsLoginIsRemembered() {
        assertNotNull(logins.authenticate("alice@internal", "right-password"));
        alice.setLockedUntil(f.clock.instant().plusSeconds(30));
        assertNull(logins.authenticate("alice@internal", "right-password"));
    }

    @Test
    void manyFailuresFromOneAddressRefuseItsLoginsForTheRestOfTheMinuteWhicheverAccountTheyName() {
        when(f.vdcOptionDao.get("LoginMaxAccountsPerSource")).thenReturn(new VdcOption("LoginMaxAccountsPerSource", "3"));
        // one password tried against many accounts: no account lock trips, the address limit does
        for (String account : new String[] {"bob@internal", "carol@internal", "dave@internal"}) {
            assertNull(logins.authenticate(account, "Summer2026!", "203.0.113.9"));
        }
        assertNull(logins.authenticate("alice@internal", "right-password", "203.0.113.9"), "refused from that address, even the right password");
        assertNotNull(logins.authenticate("alice@internal", "right-password", "198.51.100.7"), "other addresses are not affected");
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao).save(audit.capture());
        assertEquals("Logins from 203.0.113.9 are refused for the rest of the minute: logins for 3 different accounts failed from there within it.", audit.getValue().getMessage());

        f.clock.advance(java.time.Duration.ofSeconds(61));
        assertNotNull(logins.authenticate("alice@internal", "right-password", "203.0.113.9"), "a new minute, a new count");
    }

    @Test
    void oneAccountFailingAgainAndAgainDoesNotShutOutItsAddress() {
        when(f.vdcOptionDao.get("LoginMaxAccountsPerSource")).thenReturn(new VdcOption("LoginMaxAccountsPerSource", "2"));
        for (int i = 0; i < 10; i++) { // a portal left open after a password change keeps sending the old one
            assertNull(logins.authenticate("bob@internal", "old-password", "192.0.2.1"));
        }
        assertNotNull(logins.authenticate("alice@internal", "right-password", "192.0.2.1"), "one account failing is its lock's business");
        assertNull(logins.authenticate("carol@internal", "x", "192.0.2.1"));
        assertNull(logins.authenticate("alice@internal", "right-password", "192.0.2.1"), "two different accounts failed: the address waits");
    }

    @Test
    void aClientSendingSeveralRequestsAtOnceIsNotRefusedByItsOwnReservations() throws Exception {
        // the database's rule: at most LoginMaxFailures (3 here) attempts failed or in flight
        AtomicInteger inFlight = new AtomicInteger();
        when(f.dbUserDao.beginLogin(eq(alice.getId()), anyInt(), anyInt())).thenAnswer(call -> {
            if (inFlight.incrementAndGet() > (int) call.getArgument(1)) {
                inFlight.decrementAndGet();
                return false;
            }
            return true;
        });
        when(f.dbUserDao.endLogin(eq(alice.getId()), eq(true), anyInt(), anyInt())).thenAnswer(call -> {
            inFlight.decrementAndGet();
            return false;
        });
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<DbUser>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) { // the portal's lists, right after logging in
                answers.add(pool.submit(() -> {
                    go.await();
                    return logins.authenticate("alice@internal", "right-password", "192.0.2.10");
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<DbUser> answer : answers) {
                assertNotNull(answer.get(30, java.util.concurrent.TimeUnit.SECONDS), "a request of a right login was refused");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
