package org.trustpool.bll.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.auditlog.AuditLogable;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.utils.PasswordHash;
import org.trustpool.dal.DbUserDao;
import org.trustpool.dal.LoginFailureStore;

/**
 * Checks a login name and password (HTTP Basic, the SSO token endpoint and so the portal all come here)
 * so that guessing is slow and nobody can turn that slowness against an account's owner.
 *
 * <ol>
 * <li>A login verified within {@link #REMEMBER} is taken at once (a keyed digest, no hash, no wait):
 *     it is the right password, so no limit below has any business delaying it.</li>
 * <li>Back-off per account AND client address (login_failures in PostgreSQL): past
 *     LoginSourceFreeFailures wrong passwords from an address (typing mistakes), the n-th further one
 *     makes that address wait 2^(n-1) s (at most LoginBackoffMaxSeconds) before its next attempt for
 *     that account is checked. Other addresses are not affected, so five wrong passwords
 *     from anywhere no longer lock admin@internal out at the admin's own desk.</li>
 * <li>An account-wide ceiling with a gentler slope: past LoginAccountFreeFailures failures from all
 *     addresses together, addresses the account has never logged in from wait too (1 s, doubling every
 *     5 failures, same cap), so guessing from many addresses stays slow; addresses it has logged in from
 *     within 30 days ("proven") are exempt, so an attacker cannot shut the owner out this way either.</li>
 * <li>Per address, once logins for LoginMaxAccountsPerSource different accounts failed within a minute,
 *     its logins wait for the rest of that minute (one password tried against many accounts).</li>
 * <li>Hashing is bounded (HashGate): hashes at once, per second over all clients and per minute per
 *     address; proven addresses have their own lane, so a flood cannot make the owner wait behind it.</li>
 * </ol>
 * Every refusal above happens BEFORE any hashing and costs microseconds; an unknown name costs a dummy
 * hash only within the same bounds (so it looks like a wrong password, and cannot be used to burn CPU).
 * Names are keyed as typed, whether they exist or not, so the back-off tells nobody which accounts exist.
 * A successful login with a hash of fewer iterations than PasswordHash.ITERATIONS is rehashed then
 * (once; a remembered login never hashes).
 */
public class LoginService {
    private static final Logger LOG = Logger.getLogger(LoginService.class.getName());

    /** How long a verified name and password is taken without hashing again. */
    static final Duration REMEMBER = Duration.ofSeconds(60);
    /** The window of the per-source different-accounts limit. */
    static final Duration SOURCE_WINDOW = Duration.ofMinutes(1);
    /** A bound on the memory the per-source counts take; past it, finished windows go, then all. */
    static final int MAX_SOURCES = 10_000;
    /** A bound on the memory the remembered logins take; past it, expired ones go, then all. */
    static final int MAX_REMEMBERED = 10_000;
    /** The failures past LoginSourceFreeFailures after which an address's back-off is audited (once per streak). */
    static final int AUDIT_SOURCE_FAILURES = 5;
    /** The address recorded when a caller knows none (tests, internal callers). */
    static final String UNKNOWN_SOURCE = "unknown";
    /** How long a check waits for another check of the same account (serialised per account) before it is told to come back. */
    private static final long ACCOUNT_WAIT_MILLIS = 5_000;

    /** The accounts that failed to log in from each client address in its current window. */
    private final Map<String, SourceWindow> failuresBySource = new ConcurrentHashMap<>();

    private record SourceWindow(Instant start, Set<String> accounts) {
        boolean open(Instant now) { return start.plus(SOURCE_WINDOW).isAfter(now); }
    }

    /**
     * Recently verified logins, so that a client sending HTTP Basic with every request (scripts, the SDKs
     * without SSO) does not cost a PBKDF2 hash per request. The key is a SHA-256 over a random per-process
     * secret, the login and the password: the password itself is not kept. The value is the stored hash it
     * was verified against, so a new password (or a removed and re-added user) invalidates it at once.
     */
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final byte[] secret = new byte[32];
    /** Striped fair locks serialising the password checks of one login name (see check). */
    private final ReentrantLock[] accountLocks = new ReentrantLock[64];

    private record Remembered(String passwordHash, Instant until) {
    }

    private final DbUserDao users;
    private final LoginFailureStore failures;
    private final EngineConfig config;
    private final AuditLogDirector audit;
    private final Clock clock;
    private final HashGate gate;
    private final int iterations;
    /** Checked when there is no such user, so a refusal costs the same hashing time as a wrong password. */
    private final String dummyHash;

    /**
     * @param iterations the PBKDF2 cost hashes are brought to (PasswordHash.ITERATIONS in the engine;
     *     tests pass less so that they do not spend seconds per hash)
     */
    public LoginService(DbUserDao users, LoginFailureStore failures, EngineConfig config, AuditLogDirector audit, Clock clock, int iterations) {
        this.users = users;
        this.failures = failures;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.iterations = iterations;
        this.dummyHash = PasswordHash.hash("no such user", iterations);
        new SecureRandom().nextBytes(secret);
        for (int i = 0; i < accountLocks.length; i++) {
            accountLocks[i] = new ReentrantLock(true);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int concurrent = config.getInt("LoginConcurrentHashes", 0);
        int perSecond = config.getInt("LoginHashesPerSecond", 0);
        this.gate = new HashGate(concurrent > 0 ? concurrent : Math.max(1, cores / 2), perSecond > 0 ? perSecond : cores,
                Math.max(1, config.getInt("LoginHashesPerSourcePerMinute", 30)), clock);
    }

    public LoginService(DbUserDao users, LoginFailureStore failures, EngineConfig config, AuditLogDirector audit, Clock clock) {
        this(users, failures, config, audit, clock, PasswordHash.ITERATIONS);
    }

    /** The user for "name@domain" and password, or null (refused or told to come back). */
    public DbUser authenticate(String login, String password, String source) {
        return login(login, password, source).user();
    }

    /**
     * The user for "name@domain" and password, a refusal, or "try again in n seconds". source is the
     * client's address (null when unknown: then every such caller shares one address's limits).
     */
    public LoginResult login(String login, String password, String source) {
        if (login == null || password == null || login.length() > 512) {
            return LoginResult.refused();
        }
        String from = source == null || source.isBlank() ? UNKNOWN_SOURCE : source.substring(0, Math.min(source.length(), 64));
        String account = login.toLowerCase(Locale.ROOT);
        DbUser user = lookUp(login);
        String key = key(login, password);
        if (isRemembered(key, user)) {
            // Verified within REMEMBER against this very hash: the right password, never delayed.
            return LoginResult.accepted(user);
        }
        // Everything below refuses before any hashing.
        LoginFailureStore.Wait wait = failures.waitFor(account, from);
        if (wait.seconds() > 0) {
            return LoginResult.tryLater(wait.seconds());
        }
        if (!wait.proven()) {
            int windowLeft = sourceWindowLeft(from);
            if (windowLeft > 0) {
                return LoginResult.tryLater(windowLeft);
            }
        }
        // A hash permit first, then one check at a time per login name in this engine. The permit comes
        // first so that at most as many checks as there are permits hold or queue for an account lock: a
        // flood of guesses at the owner's account waits in the unproven lane, and the owner (proven
        // lane) waits for at most the one guess being hashed. Serialising per login name lets a client
        // sending several requests at once (the portal, right after logging in) have the first checked
        // and the others let in through the remembered login, and makes each guess see the back-off the
        // previous one earned.
        try (HashGate.Permit permit = gate.enter(wait.proven())) {
            if (permit == null) {
                return LoginResult.tryLater(1);
            }
            ReentrantLock lock = accountLocks[Math.floorMod(account.hashCode(), accountLocks.length)];
            if (!lock.tryLock(ACCOUNT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return LoginResult.tryLater(1);
            }
            try {
                if (isRemembered(key, user)) {
                    return LoginResult.accepted(user);
                }
                wait = failures.waitFor(account, from); // the check before us may have earned a back-off
                if (wait.seconds() > 0) {
                    return LoginResult.tryLater(wait.seconds());
                }
                // Taken here, right before hashing: requests let in by the remembered login spend nothing.
                if (!wait.proven() && !(gate.takeSourceToken(from) && gate.takeGlobalToken())) {
                    return LoginResult.tryLater(2);
                }
                return check(user, account, from, password, key);
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LoginResult.tryLater(1);
        }
    }

    /** The hash itself, under a permit and the account's lock. */
    private LoginResult check(DbUser user, String account, String from, String password, String key) {
        boolean right;
        if (user == null || user.getPasswordHash() == null) {
            PasswordHash.verify(password, dummyHash);
            right = false;
        } else {
            right = PasswordHash.verify(password, user.getPasswordHash());
            if (right) {
                rehashIfWeak(user, password);
            }
        }
        if (right) {
            failures.recordSuccess(account, from);
            remember(key, new Remembered(user.getPasswordHash(), clock.instant().plus(REMEMBER)));
            return LoginResult.accepted(user);
        }
        failed(account, from);
        return LoginResult.refused();
    }

    /** Brings a hash made with fewer iterations to today's cost, now that the password is known to be right. */
    private void rehashIfWeak(DbUser user, String password) {
        String old = user.getPasswordHash();
        if (!PasswordHash.needsRehash(old, iterations)) {
            return;
        }
        String stronger = PasswordHash.hash(password, iterations);
        try {
            if (users.rehashPassword(user.getId(), old, stronger)) {
                user.setPasswordHash(stronger);
                LOG.info("password hash of " + user.getLoginName() + " brought to " + iterations + " iterations");
            }
        } catch (RuntimeException e) {
            // The login is right either way; the old hash stays and is replaced at a later login.
            LOG.log(Level.WARNING, "could not store the stronger password hash of " + user.getLoginName(), e);
        }
    }

    private void failed(String account, String from) {
        int maxSeconds = config.getInt("LoginBackoffMaxSeconds", 300);
        int free = config.getInt("LoginAccountFreeFailures", 20);
        int sourceFree = config.getInt("LoginSourceFreeFailures", 3);
        LoginFailureStore.Failure failure = failures.recordFailure(account, from, sourceFree, maxSeconds, free,
                config.getInt("LoginFailureMemorySeconds", 3600));
        if (failure.sourceFailures() == sourceFree + AUDIT_SOURCE_FAILURES) {
            LOG.warning("logins for " + account + " from " + from + " backing off after " + failure.sourceFailures() + " failures");
            audit.log(AuditLogType.USER_LOGIN_BACKED_OFF, new AuditLogable().withUser(account, null)
                    .addCustomValue("Source", from)
                    .addCustomValue("Failures", String.valueOf(failure.sourceFailures()))
                    .addCustomValue("Seconds", String.valueOf(failure.sourceWaitSeconds()))
                    .addCustomValue("MaxSeconds", String.valueOf(maxSeconds)));
        }
        if (failure.accountFailures() == free + 1) {
            LOG.warning("account " + account + " failed " + failure.accountFailures() + " logins: new addresses back off");
            audit.log(AuditLogType.USER_ACCOUNT_LOCKED, new AuditLogable().withUser(account, null)
                    .addCustomValue("Failures", String.valueOf(failure.accountFailures()))
                    .addCustomValue("MaxSeconds", String.valueOf(maxSeconds)));
        }
        failedFrom(from, account);
    }

    private DbUser lookUp(String login) {
        int at = login.lastIndexOf('@');
        return at <= 0 || at == login.length() - 1 ? null : users.getByNameAndDomain(login.substring(0, at), login.substring(at + 1));
    }

    private boolean isRemembered(String key, DbUser user) {
        if (user == null || user.getPasswordHash() == null) {
            return false;
        }
        Remembered known = remembered.get(key);
        return known != null && known.until().isAfter(clock.instant()) && known.passwordHash().equals(user.getPasswordHash());
    }

    /** Seconds left in this address's window once LoginMaxAccountsPerSource accounts failed from it; 0 when free. */
    private int sourceWindowLeft(String source) {
        Instant now = clock.instant();
        SourceWindow window = failuresBySource.get(source);
        if (window == null || !window.open(now) || window.accounts().size() < maxAccountsPerSource()) {
            return 0;
        }
        return (int) Math.max(1, Duration.between(now, window.start().plus(SOURCE_WINDOW)).toSeconds());
    }

    private void failedFrom(String source, String account) {
        Instant now = clock.instant();
        if (failuresBySource.size() >= MAX_SOURCES) {
            failuresBySource.values().removeIf(w -> !w.open(now));
            if (failuresBySource.size() >= MAX_SOURCES) {
                failuresBySource.clear();
            }
        }
        int max = maxAccountsPerSource();
        boolean[] reached = new boolean[1];
        failuresBySource.compute(source, (address, w) -> {
            SourceWindow window = w == null || !w.open(now) ? new SourceWindow(now, ConcurrentHashMap.newKeySet()) : w;
            // bounded: past the limit the names are not needed any more
            if (window.accounts().size() < max && window.accounts().add(account)) {
                reached[0] = window.accounts().size() == max;
            }
            return window;
        });
        if (reached[0]) {
            LOG.warning("logins from " + source + " refused for the rest of the minute: " + max + " accounts failed");
            audit.log(AuditLogType.USER_LOGIN_SOURCE_THROTTLED, new AuditLogable().withUser("engine", null)
                    .addCustomValue("Source", source).addCustomValue("Failures", String.valueOf(max)));
        }
    }

    private int maxAccountsPerSource() {
        return config.getInt("LoginMaxAccountsPerSource", 20);
    }

    private void remember(String key, Remembered login) {
        Instant now = clock.instant();
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.values().removeIf(r -> !r.until().isAfter(now));
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
        }
        remembered.put(key, login);
    }

    /** For the benchmark: forget the remembered logins, so the next login is checked afresh. */
    void forgetRemembered() {
        remembered.clear();
    }

    private String key(String login, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(secret);
            sha.update(login.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0); // a separator no login contains, so "ab"+"c" and "a"+"bc" differ
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
