package org.trustpool.bll.user;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.UUID;

import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.utils.PasswordHash;
import org.trustpool.dal.AuditLogDao;
import org.trustpool.dal.DbUserDao;
import org.trustpool.dal.VdcOptionDao;

/**
 * What a request with HTTP Basic costs in password checking: the first one (a PBKDF2 hash) against the
 * following ones within the remembered time, measured in one run on the same machine. Prints figures,
 * asserts nothing. Run: mvn -q -pl backend/bll test-compile exec:java -Dbenchmark=org.trustpool.bll.user.LoginBenchmark
 */
public final class LoginBenchmark {

    private LoginBenchmark() {
    }

    public static void main(String[] args) {
        DbUser user = new DbUser();
        user.setId(UUID.randomUUID());
        user.setName("bench");
        user.setRole(Role.ADMIN);
        user.setPasswordHash(PasswordHash.hash("bench-password"));
        DbUserDao users = mock(DbUserDao.class);
        when(users.getByNameAndDomain("bench", "internal")).thenReturn(user);
        EngineConfig config = new EngineConfig(mock(VdcOptionDao.class));
        AuditLogDirector audit = new AuditLogDirector(mock(AuditLogDao.class));

        int cold = 30;
        int warm = 30_000;
        for (int i = 0; i < 5; i++) { // JIT warm-up
            new LoginService(users, config, audit, Clock.systemUTC()).authenticate("bench@internal", "bench-password");
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < cold; i++) {
            // a new service remembers nothing: every call hashes, as every request did before
            check(new LoginService(users, config, audit, Clock.systemUTC()).authenticate("bench@internal", "bench-password"));
        }
        double coldMicros = (System.nanoTime() - t0) / 1_000.0 / cold;

        LoginService service = new LoginService(users, config, audit, Clock.systemUTC());
        check(service.authenticate("bench@internal", "bench-password"));
        long t1 = System.nanoTime();
        for (int i = 0; i < warm; i++) {
            check(service.authenticate("bench@internal", "bench-password"));
        }
        double warmMicros = (System.nanoTime() - t1) / 1_000.0 / warm;
        System.out.printf("password check per request: first %.0f us (PBKDF2), remembered %.1f us; ratio %.0fx%n",
                coldMicros, warmMicros, coldMicros / warmMicros);
        System.out.printf("one core checks about %.0f Basic requests/s cold, %.0f/s remembered%n",
                1_000_000 / coldMicros, 1_000_000 / warmMicros);
    }

    private static void check(DbUser user) {
        if (user == null) {
            throw new IllegalStateException("the benchmark's login was refused");
        }
    }
}
