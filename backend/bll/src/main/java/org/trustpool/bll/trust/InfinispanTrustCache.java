package org.trustpool.bll.trust;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.infinispan.Cache;
import org.trustpool.common.businessentities.HostTrust;

/**
 * The verdicts in WildFly's Infinispan (cache "trust" of container "trustpool"): each entry lives
 * for the configured validity, and Infinispan, not our code, makes it disappear. A clustered
 * container would share the verdicts between engine nodes without changes here.
 */
public class InfinispanTrustCache implements TrustCache {
    private final Cache<UUID, HostTrust> cache;

    public InfinispanTrustCache(Cache<UUID, HostTrust> cache) {
        this.cache = cache;
    }

    @Override
    public HostTrust get(UUID vdsId) {
        return cache.get(vdsId);
    }

    @Override
    public void put(HostTrust trust, long validitySeconds) {
        cache.put(trust.vdsId(), trust, Math.max(1, validitySeconds), TimeUnit.SECONDS);
    }

    @Override
    public void remove(UUID vdsId) {
        cache.remove(vdsId);
    }
}
