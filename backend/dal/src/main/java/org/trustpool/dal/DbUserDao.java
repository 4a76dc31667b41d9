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
     * Replaces a hash that just verified by a stronger one of the same password (more PBKDF2 iterations),
     * only if the stored hash is still oldHash; the user's tokens and back-off stay. False when the
     * password was changed meanwhile (then the new hash is not written).
     */
    public boolean rehashPassword(UUID id, String oldHash, String newHash) {
        return Boolean.TRUE.equals(caller.executeFunction("RehashUserPassword", Boolean.class, id, oldHash, newHash));
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
        return user;
    }
}
