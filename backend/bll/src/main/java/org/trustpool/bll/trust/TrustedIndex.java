package org.trustpool.bll.trust;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Keeps a {@link TrustedHosts} table in step with the trust cache, which stays the only source of truth: the
 * table is made only from what the cache holds, re-read host by host, never from what a writer meant to write.
 * <p>
 * Whoever changes an entry (this node's puts and removes, and the cache's events for another node's) says so
 * after the change: {@link #changed}. A placement that starts after that finds the count of changes moved and
 * makes a new table first, re-reading each host that changed; a placement that started before uses the table
 * it started with, as it would have read the cache before the change. Re-reading rather than taking the new
 * value from the writer is what keeps two changes of one host in order: the last re-read happens after the
 * last change, whatever order the writers told of them.
 * <p>
 * Fail closed where a change might go unseen: the table is read again in full at least every
 * {@link #RESYNC_NANOS}, so a change no event reported (an entry replaced during a cluster's merge, an event
 * lost) is trusted for a second at most, and a host the table lacks is asked of the cache, which adds it
 * ({@link #seen}). An entry's end (TrustCacheValue's {@code until}) is in the table, so expiry needs no event.
 */
final class TrustedIndex {
    /** How long a table serves without a full re-read. */
    static final long RESYNC_NANOS = 1_000_000_000L;

    /** What the cache holds for a host now (null when nothing, expired, or unreadable). */
    private final Function<UUID, TrustCacheValue.Entry> cache;
    private final LongSupplier ticker;
    private final AtomicLong changes = new AtomicLong();
    private final Set<UUID> changed = ConcurrentHashMap.newKeySet();
    private final Object remaking = new Object();
    /** Per host whose entry read TRUSTED at its last re-read: {checkedAt, until} in nanoseconds; guarded by remaking. */
    private final Map<UUID, long[]> trusted = new HashMap<>();
    private volatile TrustedHosts table = TrustedHosts.NONE;

    /** @param ticker System::nanoTime, or a test's */
    TrustedIndex(Function<UUID, TrustCacheValue.Entry> cache, LongSupplier ticker) {
        this.cache = cache;
        this.ticker = ticker;
    }

    /** The host's cache entry changed (was written, removed, replaced by another node): call after the change. */
    void changed(UUID vdsId) {
        changed.add(vdsId);
        changes.incrementAndGet(); // after the add: whoever sees this count finds the host among the changed
    }

    /** The cache was read for a host and held a TRUSTED verdict: a host the table lacks is added. */
    void seen(UUID vdsId) {
        if (!table.holds(vdsId)) {
            changed(vdsId);
        }
    }

    /** The table as of every change told so far (made now if it is not). */
    TrustedHosts current() {
        long now = ticker.getAsLong();
        TrustedHosts last = table;
        if (last.generation == changes.get() && now - last.resyncedAtNanos < RESYNC_NANOS) {
            return last;
        }
        synchronized (remaking) {
            last = table;
            long generation = changes.get(); // before taking the changed hosts: each change it counts is among them
            boolean resync = now - last.resyncedAtNanos >= RESYNC_NANOS || last == TrustedHosts.NONE;
            if (last.generation == generation && !resync) {
                return last; // another placement made it while this one waited
            }
            Set<UUID> reread = new HashSet<>();
            for (Iterator<UUID> it = changed.iterator(); it.hasNext();) {
                reread.add(it.next());
                it.remove(); // a change told after this is counted past `generation` and re-read next time
            }
            if (resync) {
                reread.addAll(trusted.keySet());
            }
            for (UUID id : reread) {
                TrustCacheValue.Entry entry = cache.apply(id);
                if (entry != null && entry.trust().isTrusted()) {
                    trusted.put(id, new long[] {TrustedHosts.nanos(entry.trust().checkedAt()), TrustedHosts.nanos(entry.until())});
                } else {
                    trusted.remove(id);
                }
            }
            // a full re-read dates from `now`, read before it began: the next comes at most a second after
            TrustedHosts made = new TrustedHosts(generation, resync ? now : last.resyncedAtNanos, trusted);
            table = made;
            return made;
        }
    }
}
