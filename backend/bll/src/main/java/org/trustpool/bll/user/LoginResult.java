package org.trustpool.bll.user;

import org.trustpool.common.businessentities.DbUser;

/**
 * The answer to a login: the user (accepted); refused (wrong name or password: the same for both, so
 * nobody learns which accounts exist); or "come back in retryAfterSeconds" (the attempt was not checked
 * at all: its address is backing off, or password checking is at its bound). A throttled answer says
 * nothing about the account either: unknown names back off exactly like known ones.
 */
public record LoginResult(DbUser user, int retryAfterSeconds) {

    static LoginResult accepted(DbUser user) {
        return new LoginResult(user, 0);
    }

    static LoginResult refused() {
        return new LoginResult(null, 0);
    }

    static LoginResult tryLater(int seconds) {
        return new LoginResult(null, Math.max(1, seconds));
    }

    public boolean accepted() {
        return user != null;
    }

    public boolean throttled() {
        return user == null && retryAfterSeconds > 0;
    }
}
