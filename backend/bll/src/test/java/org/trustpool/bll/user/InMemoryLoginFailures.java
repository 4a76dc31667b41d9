package org.trustpool.bll.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.trustpool.dal.LoginFailureStore;

/**
 * The rules of R__login_failures_sp.sql (tested against PostgreSQL in LoginFailureDaoTest) kept in
 * memory, for LoginService's tests and the login benchmark, which measure the Java side.
 */
public final class InMemoryLoginFailures implements LoginFailureStore {
    private final Clock clock;
    private final Map<String, Row> rows = new ConcurrentHashMap<>();

    private static final class Row {
        int failures;
        Instant lastFailure;
        Instant blockedUntil;
        Instant lastSuccess;
    }

    public InMemoryLoginFailures(Clock clock) {
        this.clock = clock;
    }

    private Row row(String login, String source) {
        return rows.computeIfAbsent(login + "\u0000" + source, k -> new Row());
    }

    @Override
    public synchronized Wait waitFor(String login, String source) {
        Instant now = clock.instant();
        Row from = row(login, source);
        Row account = row(login, "");
        boolean proven = from.lastSuccess != null && from.lastSuccess.isAfter(now.minus(Duration.ofDays(30)));
        Instant until = from.blockedUntil;
        if (!proven && account.blockedUntil != null && (until == null || account.blockedUntil.isAfter(until))) {
            until = account.blockedUntil;
        }
        int seconds = until == null || !until.isAfter(now) ? 0 : (int) Math.ceil(Duration.between(now, until).toMillis() / 1000.0);
        return new Wait(seconds, proven);
    }

    @Override
    public synchronized Failure recordFailure(String login, String source, int sourceFree, int maxSeconds, int freeFailures, int memorySeconds) {
        Instant now = clock.instant();
        Instant forget = now.minusSeconds(memorySeconds);
        Row from = row(login, source);
        Row account = row(login, "");
        for (Row r : new Row[] {from, account}) {
            r.failures = r.lastFailure == null || r.lastFailure.isBefore(forget) ? 1 : r.failures + 1;
            r.lastFailure = now;
        }
        int sourceWait = from.failures <= sourceFree ? 0 : (int) Math.min(maxSeconds, 1L << Math.min(from.failures - sourceFree - 1, 30));
        from.blockedUntil = sourceWait == 0 ? null : now.plusSeconds(sourceWait);
        int accountWait = account.failures <= freeFailures ? 0
                : (int) Math.min(maxSeconds, 1L << Math.min((account.failures - freeFailures - 1) / 5, 30));
        account.blockedUntil = accountWait == 0 ? null : now.plusSeconds(accountWait);
        return new Failure(from.failures, sourceWait, account.failures, accountWait);
    }

    @Override
    public synchronized void recordSuccess(String login, String source) {
        Row from = row(login, source);
        from.failures = 0;
        from.lastFailure = null;
        from.blockedUntil = null;
        from.lastSuccess = clock.instant();
    }
}
