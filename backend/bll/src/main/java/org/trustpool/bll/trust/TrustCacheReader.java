package org.trustpool.bll.trust;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.trustpool.common.businessentities.HostTrust;

/**
 * Reads the trust cache's values ({@link TrustCacheValue} Strings) for a {@link TrustCache}, and keeps its
 * {@link TrustedIndex}.
 * <p>
 * It keeps the last verdict decoded for each host while the cache holds the very same String. A placement over
 * 1,000 hosts reads 1,000 verdicts, and decoding one (its ISO-8601 instants) cost more than everything else the
 * trust filter does with it; a verdict changes once per re-attestation period, so nearly every read finds its
 * value unchanged. What is returned is always what decoding the value the cache holds now gives: an equal
 * String decodes to an equal verdict, and a value gone from the cache (expired, removed) is no verdict,
 * whatever was decoded before.
 */
final class TrustCacheReader {

    private record Decoded(String value, TrustCacheValue.Entry entry) {
    }

    /** The cache's value for a host now: null when it has none (or the entry expired). */
    private final Function<UUID, Object> values;
    /** One entry per host the cache held a verdict for when last read; dropped when the cache has none. */
    private final ConcurrentHashMap<UUID, Decoded> decoded = new ConcurrentHashMap<>();
    private final TrustedIndex index;

    TrustCacheReader(Function<UUID, Object> values) {
        this(values, System::nanoTime);
    }

    TrustCacheReader(Function<UUID, Object> values, LongSupplier ticker) {
        this.values = values;
        this.index = new TrustedIndex(this::entry, ticker);
    }

    /** The verdict the cache holds for the host now, or null. */
    HostTrust get(UUID vdsId) {
        TrustCacheValue.Entry entry = entry(vdsId);
        if (entry == null) {
            return null;
        }
        if (entry.trust().isTrusted()) {
            index.seen(vdsId);
        }
        return entry.trust();
    }

    /** The hosts trusted as of every change told so far (see {@link TrustedIndex}). */
    TrustedHosts trusted() {
        return index.current();
    }

    /** The host's entry changed in the cache (this node wrote or removed it, or the cache said another node did). */
    void changed(UUID vdsId) {
        decoded.remove(vdsId);
        index.changed(vdsId);
    }

    private TrustCacheValue.Entry entry(UUID vdsId) {
        Object value = values.apply(vdsId);
        if (!(value instanceof String text)) {
            decoded.remove(vdsId);
            return TrustCacheValue.decode(vdsId, value); // null: nothing there, or not a value this version wrote
        }
        Decoded last = decoded.get(vdsId);
        if (last != null && (last.value() == text || last.value().equals(text))) {
            return last.entry();
        }
        TrustCacheValue.Entry entry = TrustCacheValue.decode(vdsId, text);
        if (entry == null) {
            decoded.remove(vdsId);
        } else {
            decoded.put(vdsId, new Decoded(text, entry));
        }
        return entry;
    }
}
