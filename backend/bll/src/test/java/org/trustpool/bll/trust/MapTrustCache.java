package org.trustpool.bll.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.trustpool.common.businessentities.HostTrust;

/**
 * The engine's trust cache without WildFly, for tests and benchmarks: it holds the Strings
 * {@link InfinispanTrustCache} stores ({@link TrustCacheValue}) and reads them back through the same
 * {@link TrustCacheReader}, with the same {@link TrustedIndex}, so what a verdict costs to read, and how it
 * survives the cache, are the engine's; entries expire by the given clock, as Infinispan's do by time.
 */
public class MapTrustCache implements TrustCache {
    private record Entry(String value, Instant expires) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final TrustCacheReader reader;
    private final Clock clock;

    public MapTrustCache(Clock clock) {
        this.clock = clock;
        this.reader = new TrustCacheReader(this::value);
    }

    private Object value(UUID vdsId) {
        Entry entry = entries.get(vdsId);
        return entry == null || !clock.instant().isBefore(entry.expires()) ? null : entry.value();
    }

    @Override
    public HostTrust get(UUID vdsId) {
        return reader.get(vdsId);
    }

    @Override
    public void put(HostTrust trust, long validitySeconds) {
        long lifespan = TrustCacheValue.lifespan(validitySeconds);
        entries.put(trust.vdsId(), new Entry(TrustCacheValue.encode(trust, lifespan), clock.instant().plusSeconds(lifespan)));
        reader.changed(trust.vdsId());
    }

    @Override
    public void remove(UUID vdsId) {
        entries.remove(vdsId);
        reader.changed(vdsId);
    }

    @Override
    public TrustedHosts trusted() {
        return reader.trusted();
    }

    /** Lets one entry run out early, as when hosts were attested at different times (a change, as a removal is). */
    public void expire(UUID vdsId) {
        entries.computeIfPresent(vdsId, (id, e) -> new Entry(e.value(), Instant.MIN));
        reader.changed(vdsId);
    }
}
