package org.trustpool.bll.trust;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.trustpool.common.businessentities.HostTrust;

/**
 * Reads the trust cache's values ({@link TrustCacheValue} Strings), keeping the last verdict decoded for each
 * host while the cache holds the very same String. A placement over 1,000 hosts reads 1,000 verdicts, and
 * decoding one (two ISO-8601 instants) cost more than everything else the trust filter does with it; a verdict
 * changes once per re-attestation period, so nearly every read finds its value unchanged. What is returned is
 * always what decoding the value the cache holds now gives: an equal String decodes to an equal verdict, and a
 * value gone from the cache (expired, removed) is no verdict, whatever was decoded before.
 */
final class TrustCacheReader {

    private record Decoded(String value, HostTrust trust) {
    }

    /** One entry per host the cache held a verdict for when last read; dropped when the cache has none. */
    private final ConcurrentHashMap<UUID, Decoded> decoded = new ConcurrentHashMap<>();

    HostTrust read(UUID vdsId, Object value) {
        if (!(value instanceof String text)) {
            decoded.remove(vdsId);
            return TrustCacheValue.decode(vdsId, value); // null: nothing there, or not a value this version wrote
        }
        Decoded last = decoded.get(vdsId);
        if (last != null && (last.value() == text || last.value().equals(text))) {
            return last.trust();
        }
        HostTrust trust = TrustCacheValue.decode(vdsId, text);
        if (trust == null) {
            decoded.remove(vdsId);
        } else {
            decoded.put(vdsId, new Decoded(text, trust));
        }
        return trust;
    }

    void forget(UUID vdsId) {
        decoded.remove(vdsId);
    }
}
