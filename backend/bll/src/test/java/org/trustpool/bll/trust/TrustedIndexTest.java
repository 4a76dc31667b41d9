package org.trustpool.bll.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;

/**
 * The trusted-hosts table placements read instead of the cache: never more trusting than the cache, after a
 * change told or not told, whatever order concurrent writers finish in.
 */
class TrustedIndexTest {

    private static final Instant CHECKED = Instant.parse("2026-12-03T10:00:00Z");
    private static final long CHECKED_NANOS = TrustedHosts.nanos(CHECKED);
    private static final long SECOND = 1_000_000_000L;

    /** The cache's entries (values as the cache holds them), a reader over them, and a clock for full re-reads. */
    private final Map<UUID, Object> store = new ConcurrentHashMap<>();
    private final AtomicLong ticker = new AtomicLong();
    private final TrustCacheReader reader = new TrustCacheReader(store::get, ticker::get);

    private void write(UUID id, TrustLevel level, long lifespanSeconds) {
        store.put(id, TrustCacheValue.encode(new HostTrust(id, level, CHECKED, "r", CHECKED), lifespanSeconds));
        reader.changed(id);
    }

    /** Trusted as a placement at CHECKED + {@code at} seconds, with a validity of 60 s, would find it. */
    private boolean trustedAt(UUID id, long at) {
        return reader.trusted().isTrusted(id, CHECKED_NANOS + (at - 60) * SECOND, CHECKED_NANOS + at * SECOND);
    }

    @Test
    void aTrustedEntryIsTrustedUntilItsEndOrItsValidityAndNothingElseIs() {
        UUID trusted = UUID.randomUUID();
        UUID untrusted = UUID.randomUUID();
        UUID timedOut = UUID.randomUUID();
        write(trusted, TrustLevel.TRUSTED, 45);
        write(untrusted, TrustLevel.UNTRUSTED, 60);
        write(timedOut, TrustLevel.TIMEOUT, 60);
        assertTrue(trustedAt(trusted, 0));
        assertTrue(trustedAt(trusted, 44));
        assertFalse(trustedAt(trusted, 45), "the entry's end (checked + lifespan 45 s) passed");
        assertFalse(reader.trusted().isTrusted(trusted, CHECKED_NANOS + 1, CHECKED_NANOS + SECOND), "checked before the oldest current check");
        assertFalse(trustedAt(untrusted, 0));
        assertFalse(trustedAt(timedOut, 0));
        assertFalse(trustedAt(UUID.randomUUID(), 0), "a host it never heard of");
    }

    @Test
    void aChangeToldIsInTheNextTableAtOnce() {
        UUID host = UUID.randomUUID();
        write(host, TrustLevel.TRUSTED, 60);
        TrustedHosts before = reader.trusted();
        assertTrue(trustedAt(host, 1));
        write(host, TrustLevel.UNTRUSTED, 60);
        assertFalse(trustedAt(host, 1), "tampered: not trusted from the next placement on");
        assertTrue(before.isTrusted(host, CHECKED_NANOS - 59 * SECOND, CHECKED_NANOS + SECOND),
                "a placement that started before the change keeps the table it started with");
        write(host, TrustLevel.TRUSTED, 60);
        assertTrue(trustedAt(host, 1));
        store.remove(host);
        reader.changed(host);
        assertFalse(trustedAt(host, 1), "removed");
    }

    /** A change no one told of (an event lost): trusted a second at most, then the full re-read finds it. */
    @Test
    void aChangeNotToldLastsNoLongerThanTheFullReRead() {
        UUID host = UUID.randomUUID();
        write(host, TrustLevel.TRUSTED, 60);
        assertTrue(trustedAt(host, 1));
        store.put(host, TrustCacheValue.encode(new HostTrust(host, TrustLevel.UNTRUSTED, CHECKED, "PCR 18", CHECKED), 60));
        ticker.addAndGet(TrustedIndex.RESYNC_NANOS - 1);
        assertTrue(trustedAt(host, 1), "not told, and within the second: the table is what the cache was");
        ticker.addAndGet(1);
        assertFalse(trustedAt(host, 1), "the full re-read found the change");
        store.put(host, "not a value");
        ticker.addAndGet(TrustedIndex.RESYNC_NANOS);
        assertFalse(trustedAt(host, 1));
    }

    /** A TRUSTED entry the table lacks (written before this node listened): one read of the cache adds it. */
    @Test
    void aTrustedEntryReadFromTheCacheJoinsTheTable() {
        UUID host = UUID.randomUUID();
        store.put(host, TrustCacheValue.encode(new HostTrust(host, TrustLevel.TRUSTED, CHECKED, null, CHECKED), 60));
        assertFalse(trustedAt(host, 1), "not told: the cache must be asked");
        assertEquals(TrustLevel.TRUSTED, reader.get(host).level());
        assertTrue(trustedAt(host, 1));
    }

    /** A change told while a table is being made (between its re-reads) is in the table after it. */
    @Test
    void aChangeToldWhileATableIsMadeIsNotLost() {
        UUID reading = UUID.randomUUID();
        UUID tampered = UUID.randomUUID();
        AtomicBoolean once = new AtomicBoolean();
        Map<UUID, Object> cache = new ConcurrentHashMap<>();
        TrustCacheReader[] withHook = new TrustCacheReader[1];
        withHook[0] = new TrustCacheReader(id -> {
            Object value = cache.get(id);
            if (id.equals(reading) && once.compareAndSet(false, true)) {
                // another thread's write lands now, between this table's re-reads
                cache.put(tampered, TrustCacheValue.encode(new HostTrust(tampered, TrustLevel.UNTRUSTED, CHECKED, "PCR 19", CHECKED), 60));
                withHook[0].changed(tampered);
            }
            return value;
        }, ticker::get);
        for (UUID id : List.of(reading, tampered)) {
            cache.put(id, TrustCacheValue.encode(new HostTrust(id, TrustLevel.TRUSTED, CHECKED, null, CHECKED), 60));
        }
        withHook[0].changed(tampered);
        assertTrue(withHook[0].trusted().isTrusted(tampered, CHECKED_NANOS, CHECKED_NANOS + 1));
        withHook[0].changed(reading); // the next table re-reads `reading`, and the hook fires inside
        withHook[0].trusted();
        assertTrue(once.get());
        assertFalse(withHook[0].trusted().isTrusted(tampered, CHECKED_NANOS, CHECKED_NANOS + 1),
                "the UNTRUSTED verdict written during the re-read is in the next table");
    }

    @Test
    void tenThousandHostsAreEachFoundAndNoOtherIs() {
        Random random = new Random(7);
        List<UUID> hosts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            // half random, half sharing their halves' XOR, so that many land on one slot
            UUID id = i % 2 == 0 ? new UUID(random.nextLong(), random.nextLong()) : new UUID(i, i);
            hosts.add(id);
            write(id, TrustLevel.TRUSTED, 60);
        }
        TrustedHosts table = reader.trusted();
        for (UUID id : hosts) {
            assertTrue(table.isTrusted(id, CHECKED_NANOS, CHECKED_NANOS + 1), id.toString());
        }
        for (int i = 0; i < 10_000; i++) {
            assertFalse(table.isTrusted(new UUID(random.nextLong(), random.nextLong()), Long.MIN_VALUE, CHECKED_NANOS));
            assertFalse(table.isTrusted(new UUID(i, i + 1), Long.MIN_VALUE, CHECKED_NANOS));
        }
    }

    /**
     * Writers flip hosts between TRUSTED and UNTRUSTED while placements make and read tables: once a writer's
     * UNTRUSTED is in and told, no table made afterwards trusts the host, however the writers and the table's
     * re-reads interleave.
     */
    @Test
    void noTableMadeAfterAnUntrustedVerdictTrustsTheHost() throws Exception {
        int writers = 3;
        List<UUID> hosts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            hosts.add(UUID.randomUUID());
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<Integer>> flips = new ArrayList<>();
            for (UUID host : hosts) {
                flips.add(threads.submit(() -> {
                    int n = 0;
                    for (; n < 20_000; n++) {
                        write(host, TrustLevel.TRUSTED, 60);
                        write(host, TrustLevel.UNTRUSTED, 60);
                        if (trustedAt(host, 1)) {
                            throw new AssertionError("trusted after its UNTRUSTED verdict was written, flip " + n);
                        }
                    }
                    return n;
                }));
            }
            for (int i = 0; i < 2; i++) {
                threads.submit(() -> {
                    while (!stop.get()) {
                        for (UUID host : hosts) {
                            trustedAt(host, 1);
                        }
                    }
                });
            }
            for (Future<Integer> f : flips) {
                assertEquals(20_000, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }
}
