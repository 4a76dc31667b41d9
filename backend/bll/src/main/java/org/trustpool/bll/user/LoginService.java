package org.trustpool.bll.user;

import java.time.Clock;
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
 * account after LoginMaxFailures wrong passwords in a row for LoginLockoutSeconds, so a password cannot
 * be guessed at the speed of the network. The caller gets the same null for unknown user, wrong
 * password and locked account: the answer never tells which users exist. The lock is audited.
 */
public class LoginService {
    private static final Logger LOG = Logger.getLogger(LoginService.class.getName());
    /** Checked when there is no user (or it is locked), so every refusal costs the same hashing time. */
    private static final String DUMMY_HASH = PasswordHash.hash("no such user");

    private final DbUserDao users;
    private final EngineConfig config;
    private final AuditLogDirector audit;
    private final Clock clock;

    public LoginService(DbUserDao users, EngineConfig config, AuditLogDirector audit, Clock clock) {
        this.users = users;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** The user for "name@domain" and password, or null. */
    public DbUser authenticate(String login, String password) {
        if (login == null || password == null) {
            return null;
        }
        int at = login.lastIndexOf('@');
        DbUser user = at <= 0 || at == login.length() - 1 ? null
                : users.getByNameAndDomain(login.substring(0, at), login.substring(at + 1));
        if (user == null || user.getPasswordHash() == null) {
            PasswordHash.verify(password, DUMMY_HASH);
            return null;
        }
        if (user.isLockedAt(clock.instant())) {
            // Not even a right password opens a locked account, and trying does not extend the lock.
            PasswordHash.verify(password, DUMMY_HASH);
            return null;
        }
        if (PasswordHash.verify(password, user.getPasswordHash())) {
            if (user.getFailedLogins() > 0 || user.getLockedUntil() != null) {
                users.recordLoginSuccess(user.getId());
            }
            return user;
        }
        int lockSeconds = config.getInt("LoginLockoutSeconds", 300);
        if (users.recordLoginFailure(user.getId(), config.getInt("LoginMaxFailures", 5), lockSeconds)) {
            LOG.warning("account " + user.getLoginName() + " locked after repeated wrong passwords");
            audit.log(AuditLogType.USER_ACCOUNT_LOCKED, new AuditLogable().withUser(user.getLoginName(), null)
                    .addCustomValue("Failures", String.valueOf(config.getInt("LoginMaxFailures", 5)))
                    .addCustomValue("Seconds", String.valueOf(lockSeconds)));
        }
        return null;
    }
}
