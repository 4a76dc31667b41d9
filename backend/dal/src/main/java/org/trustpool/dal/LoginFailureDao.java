package org.trustpool.dal;

import javax.sql.DataSource;

/**
 * The login back-off kept in PostgreSQL (table login_failures, R__login_failures_sp.sql), so that every
 * engine node sees the same counts and a restart hands an attacker no fresh set of guesses.
 */
public class LoginFailureDao implements LoginFailureStore {
    private final StoredProcedureCaller caller;

    public LoginFailureDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    @Override
    public Wait waitFor(String login, String source) {
        return caller.executeRead("GetLoginWait", rs -> new Wait(rs.getInt("wait_seconds"), rs.getBoolean("proven")), login, source);
    }

    @Override
    public Failure recordFailure(String login, String source, int sourceFree, int maxSeconds, int freeFailures, int memorySeconds) {
        return caller.executeRead("RecordLoginFailure", rs -> new Failure(rs.getInt("source_failures"), rs.getInt("source_wait"),
                rs.getInt("account_failures"), rs.getInt("account_wait")), login, source, sourceFree, maxSeconds, freeFailures, memorySeconds);
    }

    @Override
    public void recordSuccess(String login, String source) {
        caller.executeModification("RecordLoginSuccess", login, source);
    }
}
