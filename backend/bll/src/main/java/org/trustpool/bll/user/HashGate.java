package org.trustpool.bll.user;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bound on the CPU that password hashing may take, so that a flood of logins with wrong or unknown
 * names cannot starve everyone else (each check is a PBKDF2 hash of 600,000 iterations, a sizeable
 * fraction of a second of one core):
 * <ul>
 * <li>hashes at once: at most {@code concurrent} for addresses an account has not logged in from, and as
 *     many again, in their own lane, for "proven" addresses (an account's owner at the desk they always
 *     use): a flood fills only the first lane, so the owner waits for nobody's guess;</li>
 * <li>hashes per second over all unproven clients (a token bucket), so even a flood from many addresses
 *     costs at most that many hashes a second;</li>
 * <li>hashes per minute from one client address (a token bucket per address, bounded in memory).</li>
 * </ul>
 * A request that finds its lane full or a bucket empty is refused at once, before any hashing; the
 * caller answers "try again later". Nothing here waits long: a refusal costs microseconds.
 */
final class HashGate {
    /**
     * How long a request waits for a hash permit before it is told to come back: briefly for unproven
     * addresses (a flood must not pile up waiting server threads), longer in the owners' own lane.
     */
    static final long UNPROVEN_WAIT_MILLIS = 200;
    static final long PROVEN_WAIT_MILLIS = 5_000;
    /** A bound on the per-address buckets kept; past it, full buckets go, then all. */
    static final int MAX_SOURCES = 10_000;

    private final Semaphore unproven;
    private final Semaphore proven;
    private final TokenBucket global;
    private final int perSourcePerMinute;
    private final Map<String, TokenBucket> bySource = new ConcurrentHashMap<>();
    private final Clock clock;

    HashGate(int concurrent, int perSecond, int perSourcePerMinute, Clock clock) {
        this.unproven = new Semaphore(concurrent, true);
        this.proven = new Semaphore(concurrent, true);
        // a burst of five seconds' worth (several people logging in at once), then the steady rate
        this.global = new TokenBucket(perSecond * 5, perSecond, 1_000);
        this.perSourcePerMinute = perSourcePerMinute;
        this.clock = clock;
    }

    /** One hash from this address within its per-minute rate; false: refuse without hashing. */
    boolean takeSourceToken(String source) {
        if (bySource.size() >= MAX_SOURCES) {
            long now = clock.millis();
            bySource.values().removeIf(bucket -> bucket.isFull(now));
            if (bySource.size() >= MAX_SOURCES) {
                bySource.clear();
            }
        }
        // a burst of a quarter of the minute's allowance, then the steady rate
        TokenBucket bucket = bySource.computeIfAbsent(source,
                s -> new TokenBucket(Math.max(1, perSourcePerMinute / 4), perSourcePerMinute, 60_000));
        return bucket.take(clock.millis());
    }

    /**
     * A permit to hash in the lane of proven or unproven addresses, or null when there is none in time.
     * Close it when the hash is done. The global rate is taken separately (takeGlobalToken), right
     * before hashing, so requests that end up let in by a remembered login do not spend it.
     */
    Permit enter(boolean provenSource) throws InterruptedException {
        Semaphore lane = provenSource ? proven : unproven;
        return lane.tryAcquire(provenSource ? PROVEN_WAIT_MILLIS : UNPROVEN_WAIT_MILLIS, TimeUnit.MILLISECONDS) ? lane::release : null;
    }

    /** One hash within the global rate of unproven addresses; false: refuse without hashing. */
    boolean takeGlobalToken() {
        return global.take(clock.millis());
    }

    /** A hash permit; closing it gives it back. */
    interface Permit extends AutoCloseable {
        @Override void close();
    }

    /** A token bucket: capacity tokens at most, refilled at perPeriod tokens per periodMillis. */
    static final class TokenBucket {
        private final double capacity;
        private final double perMilli;
        private double tokens;
        private long last = Long.MIN_VALUE;

        TokenBucket(int capacity, int perPeriod, long periodMillis) {
            this.capacity = Math.max(1, capacity);
            this.perMilli = (double) perPeriod / periodMillis;
            this.tokens = this.capacity;
        }

        synchronized boolean take(long nowMillis) {
            refill(nowMillis);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean isFull(long nowMillis) {
            refill(nowMillis);
            return tokens >= capacity;
        }

        private void refill(long nowMillis) {
            if (last != Long.MIN_VALUE && nowMillis > last) {
                tokens = Math.min(capacity, tokens + (nowMillis - last) * perMilli);
            }
            last = Math.max(last, nowMillis);
        }
    }
}
