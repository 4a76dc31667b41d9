package org.trustpool.bll.user;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.UUID;

import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.dal.DbUserDao;

/** Checks shared by the user commands. */
final class UserChecks {
    /** Short passwords fall to guessing quickly; 8 is the common floor for service accounts typed by people. */
    static final int MIN_PASSWORD_LENGTH = 8;
    static final String INTERNAL = "internal";

    private UserChecks() {
    }

    static ValidationResult passwordStrongEnough(String password) {
        return password != null && password.length() >= MIN_PASSWORD_LENGTH ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_PASSWORD_TOO_SHORT, "MinLength", String.valueOf(MIN_PASSWORD_LENGTH));
    }

    /** Users of other domains belong to their directory; we only keep passwords of our own. */
    static ValidationResult internalDomain(DbUser user) {
        return INTERNAL.equals(user.getDomain()) ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_USER_DOMAIN_UNSUPPORTED);
    }

    /** Removing or demoting the last admin would lock everybody out of every change. */
    static ValidationResult notLastAdmin(DbUserDao users, UUID leaving) {
        long otherAdmins = users.getAll().stream()
                .filter(u -> u.getRole() == Role.ADMIN && !u.getId().equals(leaving) && u.getPasswordHash() != null)
                .count();
        return otherAdmins > 0 ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_LAST_ADMIN);
    }
}
