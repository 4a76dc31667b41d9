package org.trustpool.bll.trust;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The hosts whose cached verdict was TRUSTED when this table was made, each with its check time and the end of
 * its cache entry, in one flat array: a placement over 1,000 hosts asks about each, and reading the cache for
 * each (its map, the entry, the decoded verdict and its instants: objects all over the heap) cost more than the
 * rest of the trust filter together, where here one host is one probe: a flag, and 32 bytes of one array.
 * Immutable; {@link TrustedIndex} makes a new one after the cache changed. It only ever says "trusted": a host
 * it does not hold, or holds with a verdict too old or an entry past its end, is asked of the cache itself.
 */
public final class TrustedHosts {
    /** Per slot: the id's two halves, checkedAt and until (nanoseconds since the epoch). */
    private static final int STRIDE = 4;
    static final TrustedHosts NONE = new TrustedHosts(-1, 0, Map.of());

    private final long[] slots;
    private final int mask;
    private final boolean[] used;
    final long generation;
    final long resyncedAtNanos;

    /** @param trusted per host: {checkedAt, until} in nanoseconds since the epoch */
    TrustedHosts(long generation, long resyncedAtNanos, Map<UUID, long[]> trusted) {
        this.generation = generation;
        this.resyncedAtNanos = resyncedAtNanos;
        int capacity = Integer.highestOneBit(Math.max(4, trusted.size() * 2 + 1) * 2 - 1); // a power of two, at most half full
        this.mask = capacity - 1;
        this.slots = new long[capacity * STRIDE];
        this.used = new boolean[capacity];
        for (Map.Entry<UUID, long[]> e : trusted.entrySet()) {
            long msb = e.getKey().getMostSignificantBits();
            long lsb = e.getKey().getLeastSignificantBits();
            int i = slot(msb, lsb);
            while (used[i]) {
                i = (i + 1) & mask;
            }
            used[i] = true;
            slots[i * STRIDE] = msb;
            slots[i * STRIDE + 1] = lsb;
            slots[i * STRIDE + 2] = e.getValue()[0];
            slots[i * STRIDE + 3] = e.getValue()[1];
        }
    }

    /**
     * Whether the host's verdict was TRUSTED, checked at or after {@code oldestNanos}, in an entry that has not ended
     * at {@code nowNanos}; false says only that the cache must be asked.
     */
    public boolean isTrusted(UUID vdsId, long oldestNanos, long nowNanos) {
        int at = find(vdsId);
        return at >= 0 && slots[at + 2] >= oldestNanos && nowNanos < slots[at + 3];
    }

    /** Whether the table has the host at all (its verdict may be too old by now). */
    boolean holds(UUID vdsId) {
        return find(vdsId) >= 0;
    }

    /** The host's first array index, or -1. The table is at most half full, so an empty slot ends every search. */
    private int find(UUID vdsId) {
        long msb = vdsId.getMostSignificantBits();
        long lsb = vdsId.getLeastSignificantBits();
        for (int i = slot(msb, lsb); used[i]; i = (i + 1) & mask) {
            int at = i * STRIDE;
            if (slots[at] == msb && slots[at + 1] == lsb) {
                return at;
            }
        }
        return -1;
    }

    private int slot(long msb, long lsb) {
        long h = (msb ^ lsb) * 0x9E3779B97F4A7C15L; // random UUIDs hash well already; this spreads any others
        return (int) (h >>> 32) & mask;
    }

    /**
     * Nanoseconds since the epoch: exact between the years 1678 and 2262, and the nearest end of that span
     * outside it (an instant so far away compares the same way with any time a clock reads).
     */
    public static long nanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }
}
