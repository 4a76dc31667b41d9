package org.trustpool.bll.user;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.utils.PasswordHash;
import org.trustpool.dal.AuditLogDao;
import org.trustpool.dal.DbUserDao;
import org.trustpool.dal.VdcOptionDao;

/**
 * What logins cost, with the engine's real password checking (PBKDF2-HMAC-SHA256 at
 * PasswordHash.ITERATIONS, the HashGate bounds at their defaults for this machine), in one process on
 * loopback only: no network, a fixed amount of work, it stops by itself.
 * <ol>
 * <li>the first check of a password (a hash) against a remembered one (a keyed digest);</li>
 * <li>an administrator working (HTTP Basic on every request, a fresh login now and then) alone, then
 *     while {@value #ATTACKERS} clients from as many addresses hammer with unknown names and wrong
 *     passwords for the administrator's own account: the administrator's latency (median, p99) and the
 *     process's CPU in both runs, and their ratio.</li>
 * </ol>
 * The back-off store is the in-memory copy of the database's rules (InMemoryLoginFailures), so this
 * measures the engine's side; the users table is a mock. Prints prose and lines "FIGURE name=value unit"
 * for `trustpool bench`; asserts nothing, exits 1 only if the administrator was refused.
 * Run: mvn -q -pl backend/bll test-compile exec:java -Dbenchmark=org.trustpool.bll.user.LoginBenchmark
 */
public final class LoginBenchmark {
    static final int ATTACKERS = 16;
    /** The administrator's requests per run, one every PAUSE_MILLIS. */
    static final int ADMIN_REQUESTS = 400;
    static final long PAUSE_MILLIS = 5;
    /** Of those, this many are fresh logins (nothing remembered: a real password check). */
    static final int FRESH_LOGINS = 8;
    /** A bound on each attacker's requests, so the run stops even if the administrator stalls. */
    static final int MAX_ATTACKER_REQUESTS = 200_000;
    static final String ADMIN_ADDRESS = "192.0.2.10";

    private LoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DbUser admin = new DbUser();
        admin.setId(UUID.randomUUID());
        admin.setName("admin");
        admin.setRole(Role.ADMIN);
        admin.setPasswordHash(PasswordHash.hash("admin-password"));
        DbUserDao users = mock(DbUserDao.class);
        when(users.getByNameAndDomain("admin", "internal")).thenReturn(admin);
        EngineConfig config = new EngineConfig(mock(VdcOptionDao.class));
        AuditLogDirector audit = new AuditLogDirector(mock(AuditLogDao.class));
        java.util.logging.Logger.getLogger("org.trustpool").setLevel(java.util.logging.Level.SEVERE); // audits/warnings of the flood

        // 1. first check against remembered
        LoginService service = new LoginService(users, new InMemoryLoginFailures(Clock.systemUTC()), config, audit, Clock.systemUTC());
        check(service.login("admin@internal", "admin-password", ADMIN_ADDRESS)); // warm-up, and the address is now proven
        int cold = 6;
        long t0 = System.nanoTime();
        for (int i = 0; i < cold; i++) {
            service.forgetRemembered();
            check(service.login("admin@internal", "admin-password", ADMIN_ADDRESS));
        }
        double coldMillis = (System.nanoTime() - t0) / 1e6 / cold;
        int warm = 30_000;
        long t1 = System.nanoTime();
        for (int i = 0; i < warm; i++) {
            check(service.login("admin@internal", "admin-password", ADMIN_ADDRESS));
        }
        double warmMicros = (System.nanoTime() - t1) / 1e3 / warm;
        System.out.printf(Locale.ROOT, "password check: first %.0f ms (PBKDF2-HMAC-SHA256, %d iterations), remembered %.1f us; ratio %.0fx%n",
                coldMillis, PasswordHash.ITERATIONS, warmMicros, coldMillis * 1000 / warmMicros);
        figure("login_first_check", coldMillis, "ms");
        figure("login_remembered", warmMicros, "us");

        // 2. the administrator alone, then under a flood (each run with a fresh engine-side state)
        Run quiet = run(users, config, audit, 0);
        Run flood = run(users, config, audit, ATTACKERS);
        System.out.printf(Locale.ROOT, "administrator, %d requests (%d fresh logins), alone: remembered p50 %.0f us p99 %.0f us, fresh p50 %.0f ms max %.0f ms,"
                + " CPU %.2f cores%n", ADMIN_REQUESTS, FRESH_LOGINS, quiet.rememberedP50, quiet.rememberedP99, quiet.freshP50, quiet.freshMax, quiet.cores);
        System.out.printf(Locale.ROOT, "administrator while %d clients hammer (%d requests, %d password checks = %.1f/s, %d told to wait, %d refused):"
                + " remembered p50 %.0f us p99 %.0f us, fresh p50 %.0f ms max %.0f ms, CPU %.2f cores%n",
                ATTACKERS, flood.attackerRequests, flood.attackerChecks, flood.attackerChecks / flood.seconds, flood.attackerThrottled,
                flood.attackerRefused, flood.rememberedP50, flood.rememberedP99, flood.freshP50, flood.freshMax, flood.cores);
        figure("admin_remembered_p50_alone", quiet.rememberedP50, "us");
        figure("admin_remembered_p99_alone", quiet.rememberedP99, "us");
        figure("admin_remembered_p50_flood", flood.rememberedP50, "us");
        figure("admin_remembered_p99_flood", flood.rememberedP99, "us");
        figure("admin_remembered_p50_ratio", flood.rememberedP50 / quiet.rememberedP50, "x");
        figure("admin_remembered_p99_ratio", flood.rememberedP99 / quiet.rememberedP99, "x");
        figure("admin_fresh_login_p50_alone", quiet.freshP50, "ms");
        figure("admin_fresh_login_p50_flood", flood.freshP50, "ms");
        figure("admin_fresh_login_max_flood", flood.freshMax, "ms");
        figure("admin_fresh_login_p50_ratio", flood.freshP50 / quiet.freshP50, "x");
        figure("cpu_cores_alone", quiet.cores, "cores");
        figure("cpu_cores_flood", flood.cores, "cores");
        figure("flood_requests_per_s", flood.attackerRequests / flood.seconds, "req/s");
        figure("flood_password_checks_per_s", flood.attackerChecks / flood.seconds, "checks/s");
        figure("cores_available", Runtime.getRuntime().availableProcessors(), "cores");
    }

    private record Run(double rememberedP50, double rememberedP99, double freshP50, double freshMax, double cores, double seconds,
            long attackerRequests, long attackerChecks, long attackerThrottled, long attackerRefused) {
    }

    private static Run run(DbUserDao users, EngineConfig config, AuditLogDirector audit, int attackers) throws InterruptedException {
        LoginService service = new LoginService(users, new InMemoryLoginFailures(Clock.systemUTC()), config, audit, Clock.systemUTC());
        check(service.login("admin@internal", "admin-password", ADMIN_ADDRESS)); // the administrator's usual desk
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong requests = new AtomicLong();
        AtomicLong checks = new AtomicLong();
        AtomicLong throttled = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int a = 0; a < attackers; a++) {
            String address = "198.51.100." + (a + 1);
            int attacker = a;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < MAX_ATTACKER_REQUESTS && !done.get(); i++) {
                    // half guesses at the administrator's own account, half unknown names
                    String login = i % 2 == 0 ? "admin@internal" : "user" + attacker + "-" + i + "@internal";
                    LoginResult result = service.login(login, "guess-" + i, address);
                    requests.incrementAndGet();
                    if (result.throttled()) {
                        throttled.incrementAndGet();
                    } else if (!result.accepted()) {
                        checks.incrementAndGet();
                    }
                }
            }, "attacker-" + a);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        Thread.sleep(attackers == 0 ? 0 : 500); // let the flood build up
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        List<Double> remembered = new ArrayList<>();
        List<Double> fresh = new ArrayList<>();
        for (int i = 0; i < ADMIN_REQUESTS; i++) {
            boolean freshLogin = i % (ADMIN_REQUESTS / FRESH_LOGINS) == 0;
            if (freshLogin) {
                service.forgetRemembered();
            }
            long start = System.nanoTime();
            LoginResult result = service.login("admin@internal", "admin-password", ADMIN_ADDRESS);
            long nanos = System.nanoTime() - start;
            check(result);
            if (freshLogin) {
                fresh.add(nanos / 1e6);
            } else {
                remembered.add(nanos / 1e3);
            }
            Thread.sleep(PAUSE_MILLIS);
        }
        double seconds = (System.nanoTime() - wall0) / 1e9;
        double cores = (os.getProcessCpuTime() - cpu0) / 1e9 / seconds;
        long requestsDuring = requests.get();
        long checksDuring = checks.get();
        long throttledDuring = throttled.get();
        done.set(true);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        return new Run(percentile(remembered, 50), percentile(remembered, 99), percentile(fresh, 50), percentile(fresh, 100), cores, seconds,
                requestsDuring, checksDuring, throttledDuring, checksDuring);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void figure(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "FIGURE %s=%.3f %s%n", name, value, unit);
    }

    private static void check(LoginResult result) {
        if (!result.accepted()) {
            System.err.println("the administrator's login was " + (result.throttled() ? "told to wait " + result.retryAfterSeconds() + " s" : "refused"));
            System.exit(1);
        }
    }
}
