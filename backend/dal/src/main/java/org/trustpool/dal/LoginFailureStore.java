package org.trustpool.dal;

/**
 * Where login failures are counted per (login, client address) and per login over all addresses, and
 * how long the next attempt must wait. LoginFailureDao keeps them in PostgreSQL; the login benchmark
 * uses an in-memory one with the same rules.
 *
 * login is "name@domain" in lower case as the client typed it, whether such an account exists or not
 * (so a delay tells nobody which accounts exist); source is the client's address.
 */
public interface LoginFailureStore {

    /**
     * seconds: how long an attempt must still wait (0: it may be checked now); proven: the account
     * logged in from this address within the last 30 days, so the account-wide back-off does not apply.
     */
    record Wait(int seconds, boolean proven) {
    }

    /** The counts and waits after a failure was recorded. */
    record Failure(int sourceFailures, int sourceWaitSeconds, int accountFailures, int accountWaitSeconds) {
    }

    Wait waitFor(String login, String source);

    /**
     * sourceFree: failures from one address before it waits; maxSeconds: the longest wait; freeFailures:
     * the account's failures (all addresses) before unproven addresses wait; memorySeconds: when old
     * failures are forgotten.
     */
    Failure recordFailure(String login, String source, int sourceFree, int maxSeconds, int freeFailures, int memorySeconds);

    void recordSuccess(String login, String source);
}
