package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;

/** Engine users (table users). Role is stored by name. */
public class DbUserDao {
    private final StoredProcedureCaller caller;

    public DbUserDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    /** Inserts the user including its password hash (which may be null: no login yet). */
    public void save(DbUser user) {
        caller.executeModification("InsertUser", user.getId(), user.getName(), user.getDomain(),
                user.getPasswordHash(), role(user));
    }

    /** Changes name, domain and role; never the password hash (see {@link #setPassword}). */
    public void update(DbUser user) {
        caller.executeModification("UpdateUser", user.getId(), user.getName(), user.getDomain(), role(user));
    }

    public void remove(UUID id) {
        caller.executeModification("DeleteUser", id);
    }

    public DbUser get(UUID id) {
        return caller.executeRead("GetUserByUserId", DbUserDao::map, id);
    }

    public DbUser getByNameAndDomain(String name, String domain) {
        return caller.executeRead("GetUserByNameAndDomain", DbUserDao::map, name, domain);
    }

    public List<DbUser> getAll() {
        return caller.executeReadList("GetAllFromUsers", DbUserDao::map);
    }

    /** Stores a new password hash; returns false if there is no such user. */
    public boolean setPassword(String name, String domain, String passwordHash) {
        return Boolean.TRUE.equals(
                caller.executeFunction("SetUserPassword", Boolean.class, name, domain, passwordHash));
    }

    /**
     * Reserves a login attempt before its password is checked (it counts as a failure until
     * {@link #endLogin}). False while the account is locked or maxFailures attempts within
     * windowSeconds are failed or in flight: then the password must not be checked at all.
     */
    public boolean beginLogin(UUID id, int maxFailures, int windowSeconds) {
        return Boolean.TRUE.equals(caller.executeFunction("BeginUserLogin", Boolean.class, id, maxFailures, windowSeconds));
    }

    /**
     * The outcome of a reserved attempt: success takes back its reservation; a failure stays counted
     * and, at maxFailures, locks the account for lockSeconds. Returns true when this call locked it.
     */
    public boolean endLogin(UUID id, boolean succeeded, int maxFailures, int lockSeconds) {
        return Boolean.TRUE.equals(caller.executeFunction("EndUserLogin", Boolean.class, id, succeeded, maxFailures, lockSeconds));
    }

    private static String role(DbUser user) {
        return (user.getRole() == null ? Role.READ_ONLY : user.getRole()).name();
    }

    static DbUser map(ResultSet rs) throws SQLException {
        DbUser user = new DbUser();
        user.setId(StoredProcedureCaller.getUuid(rs, "user_id"));
        user.setName(rs.getString("name"));
        user.setDomain(rs.getString("domain"));
        user.setPasswordHash(rs.getString("password_hash"));
        user.setRole(Role.valueOf(rs.getString("role")));
        user.setFailedLogins(rs.getInt("failed_logins"));
        user.setLockedUntil(StoredProcedureCaller.getInstant(rs, "locked_until"));
        return user;
    }
}
