package org.trustpool.common.action;

import org.trustpool.common.businessentities.DbUser;

/** Add or update an engine user; password is the new password in clear (null: unchanged), hashed by the command. */
public class UserParameters extends ActionParametersBase {
    private static final long serialVersionUID = 1L;
    private final DbUser user;
    private final transient String password;

    public UserParameters(DbUser user, String password) {
        this.user = user;
        this.password = password;
    }

    public DbUser getUser() { return user; }
    public String getPassword() { return password; }
}
