package org.trustpool.bll.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.trustpool.common.businessentities.HostTrust;

/**
 * The engine's trust cache without WildFly: the Strings {@link InfinispanTrustCache} stores ({@link TrustCacheValue}),
 * read back through the same {@link TrustCacheReader}, in a map whose entries expire by the given clock as
 * Infinispan's do. For benchmarks of placement, where what a verdict costs to read is part of the figure.
 */
public class EncodedMapTrustCache implements TrustCache {
    private record Entry(String value, Instant expires) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final TrustCacheReader reader = new TrustCacheReader();
    private final Clock clock;

    public EncodedMapTrustCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public HostTrust get(UUID vdsId) {
        Entry entry = entries.get(vdsId);
        return reader.read(vdsId, entry == null || !clock.instant().isBefore(entry.expires()) ? null : entry.value());
    }

    @Override
    public void put(HostTrust trust, long validitySeconds) {
        entries.put(trust.vdsId(), new Entry(TrustCacheValue.encode(trust), clock.instant().plusSeconds(Math.max(1, validitySeconds))));
    }

    @Override
    public void remove(UUID vdsId) {
        entries.remove(vdsId);
        reader.forget(vdsId);
    }
}
