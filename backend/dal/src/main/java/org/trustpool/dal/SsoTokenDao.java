package org.trustpool.dal;

import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.trustpool.common.businessentities.DbUser;

/** SSO access tokens, stored only as their SHA-256 (the caller hashes). */
public class SsoTokenDao {
    private final StoredProcedureCaller caller;

    public SsoTokenDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    public void save(String tokenHash, UUID userId, String scope, Instant expires) {
        caller.executeModification("InsertSsoToken", tokenHash, userId, scope, expires);
    }

    /** The user the token belongs to, or null when it is unknown or expired. */
    public DbUser getUser(String tokenHash) {
        return caller.executeRead("GetUserBySsoToken", DbUserDao::map, tokenHash);
    }

    public void remove(String tokenHash) {
        caller.executeModification("DeleteSsoToken", tokenHash);
    }

    public int removeExpired() {
        Integer removed = caller.executeFunction("DeleteExpiredSsoTokens", Integer.class);
        return removed == null ? 0 : removed;
    }
}
