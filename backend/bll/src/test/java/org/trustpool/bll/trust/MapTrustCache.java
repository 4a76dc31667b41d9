package org.trustpool.bll.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.trustpool.common.businessentities.HostTrust;

/** The trust cache for tests: entries expire by the given clock, as Infinispan's do by time. */
public class MapTrustCache implements TrustCache {
    private record Entry(HostTrust trust, Instant expires) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public MapTrustCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public HostTrust get(UUID vdsId) {
        Entry entry = entries.get(vdsId);
        return entry == null || !clock.instant().isBefore(entry.expires()) ? null : entry.trust();
    }

    @Override
    public void put(HostTrust trust, long validitySeconds) {
        entries.put(trust.vdsId(), new Entry(trust, clock.instant().plusSeconds(validitySeconds)));
    }

    @Override
    public void remove(UUID vdsId) {
        entries.remove(vdsId);
    }

    /** Lets one entry run out early, as when hosts were attested at different times. */
    public void expire(UUID vdsId) {
        entries.computeIfPresent(vdsId, (id, e) -> new Entry(e.trust(), Instant.MIN));
    }
}
