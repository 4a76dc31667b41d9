package org.trustpool.bll.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.auditlog.AuditLogable;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.utils.PasswordHash;
import org.trustpool.dal.DbUserDao;

/**
 * Checks a login name and password (HTTP Basic and the SSO token endpoint both come here) and locks an
 * account for LoginLockoutSeconds after LoginMaxFailures wrong passwords within LoginLockoutSeconds, so
 * a password cannot be guessed at the speed of the network. Right passwords do not reset the count
 * (a busy service account must not wipe an attacker's failures); at most LoginMaxFailures passwords are
 * checked per window, concurrent attempts included. The caller gets the same null for unknown user, wrong
 * password and locked account: the answer never tells which users exist. The lock is audited.
 */
public class LoginService {
    private static final Logger LOG = Logger.getLogger(LoginService.class.getName());
    /** Checked when there is no user (or it is locked), so every refusal costs the same hashing time. */
    private static final String DUMMY_HASH = PasswordHash.hash("no such user");

    /** How long a verified name and password is taken without hashing again. */
    static final Duration REMEMBER = Duration.ofSeconds(60);
    /** The window of the per-source limit. */
    static final Duration SOURCE_WINDOW = Duration.ofMinutes(1);
    /** A bound on the memory the per-source counts take; past it, finished windows go, then all. */
    static final int MAX_SOURCES = 10_000;

    /** The accounts that failed to log in from each client address in its current window. */
    private final Map<String, SourceWindow> failuresBySource = new ConcurrentHashMap<>();

    private record SourceWindow(Instant start, Set<String> accounts) {
        boolean open(Instant now) { return start.plus(SOURCE_WINDOW).isAfter(now); }
    }

    /** A bound on the memory the remembered logins take; past it, expired ones go, then all. */
    static final int MAX_REMEMBERED = 10_000;

    /**
     * Recently verified logins, so that a client sending HTTP Basic with every request (scripts, the SDKs
     * without SSO) does not cost a PBKDF2 hash (tens of milliseconds of CPU) per request. The key is a
     * SHA-256 over a random per-process secret, the login and the password: the password itself is not
     * kept. The value is the stored hash it was verified against, so a new password (or a removed and
     * re-added user) invalidates it at once; the lock is checked before it is used.
     */
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final byte[] secret = new byte[32];
    /** Striped locks serialising the password checks of one account (see check). */
    private final Object[] accountLocks = new Object[64];

    private record Remembered(String passwordHash, Instant until) {
    }

    private final DbUserDao users;
    private final EngineConfig config;
    private final AuditLogDirector audit;
    private final Clock clock;

    public LoginService(DbUserDao users, EngineConfig config, AuditLogDirector audit, Clock clock) {
        this.users = users;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
        for (int i = 0; i < accountLocks.length; i++) {
            accountLocks[i] = new Object();
        }
    }

    /** The user for "name@domain" and password, or null; for callers that know no client address. */
    public DbUser authenticate(String login, String password) {
        return authenticate(login, password, null);
    }

    /**
     * The user for "name@domain" and password, or null. source is the client's address: once logins for
     * LoginMaxAccountsPerSource different accounts have failed from it within a minute, its logins are
     * refused for the rest of that minute (one password tried against many accounts trips no account's
     * lock). Different accounts, not failures: a client that keeps sending one stale password (a portal
     * left open after a password change) is the account lock's business and must not shut out everyone
     * else behind the same address. Null when unknown: no per-source limit then.
     */
    public DbUser authenticate(String login, String password, String source) {
        if (login == null || password == null) {
            return null;
        }
        Instant start = clock.instant();
        if (throttled(source, start)) {
            PasswordHash.verify(password, DUMMY_HASH);
            return null;
        }
        DbUser user = check(login, password);
        if (user == null) {
            failedFrom(source, login, start);
        }
        return user;
    }

    private DbUser check(String login, String password) {
        int at = login.lastIndexOf('@');
        DbUser user = at <= 0 || at == login.length() - 1 ? null
                : users.getByNameAndDomain(login.substring(0, at), login.substring(at + 1));
        if (user == null || user.getPasswordHash() == null) {
            PasswordHash.verify(password, DUMMY_HASH);
            return null;
        }
        Instant now = clock.instant();
        if (user.isLockedAt(now)) {
            // Not even a right password opens a locked account, and trying does not extend the lock.
            PasswordHash.verify(password, DUMMY_HASH);
            return null;
        }
        String key = key(login, password);
        if (isRemembered(key, user, now)) {
            // Verified within REMEMBER against this very hash: no guess, so nothing to count.
            return user;
        }
        // One check at a time per account in this engine: a client sending several requests at once (the
        // portal does, right after logging in) must not have its own reservations count as failures in
        // flight and refuse it; the first right check lets the others in through the remembered login.
        // Guesses at one account are serialised too, each counted before it is checked.
        synchronized (accountLocks[Math.floorMod(java.util.Objects.hashCode(user.getId()), accountLocks.length)]) {
            if (isRemembered(key, user, now)) {
                return user;
            }
            return verifyCounted(user, password, key, now);
        }
    }

    private boolean isRemembered(String key, DbUser user, Instant now) {
        Remembered known = remembered.get(key);
        return known != null && known.until().isAfter(now) && known.passwordHash().equals(user.getPasswordHash());
    }

    private DbUser verifyCounted(DbUser user, String password, String key, Instant now) {
        int maxFailures = config.getInt("LoginMaxFailures", 5);
        int lockSeconds = config.getInt("LoginLockoutSeconds", 300);
        // The attempt is counted before the password is checked, so that concurrent guesses cannot
        // all be checked before the first of them locks the account.
        if (!users.beginLogin(user.getId(), maxFailures, lockSeconds)) {
            PasswordHash.verify(password, DUMMY_HASH);
            return null;
        }
        boolean right = PasswordHash.verify(password, user.getPasswordHash());
        boolean lockedNow = users.endLogin(user.getId(), right, maxFailures, lockSeconds);
        if (right) {
            remember(key, new Remembered(user.getPasswordHash(), now.plus(REMEMBER)), now);
            return user;
        }
        if (lockedNow) {
            LOG.warning("account " + user.getLoginName() + " locked after repeated wrong passwords");
            audit.log(AuditLogType.USER_ACCOUNT_LOCKED, new AuditLogable().withUser(user.getLoginName(), null)
                    .addCustomValue("Failures", String.valueOf(maxFailures))
                    .addCustomValue("Seconds", String.valueOf(lockSeconds)));
        }
        return null;
    }

    private boolean throttled(String source, Instant now) {
        if (source == null) {
            return false;
        }
        SourceWindow window = failuresBySource.get(source);
        return window != null && window.open(now) && window.accounts().size() >= maxAccountsPerSource();
    }

    private void failedFrom(String source, String login, Instant now) {
        if (source == null) {
            return;
        }
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
            if (window.accounts().size() < max && window.accounts().add(login.toLowerCase(java.util.Locale.ROOT))) {
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

    private void remember(String key, Remembered login, Instant now) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.values().removeIf(r -> !r.until().isAfter(now));
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
        }
        remembered.put(key, login);
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
