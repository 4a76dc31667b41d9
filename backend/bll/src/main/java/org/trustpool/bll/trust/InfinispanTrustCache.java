package org.trustpool.bll.trust;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.infinispan.Cache;
import org.trustpool.common.businessentities.HostTrust;

/**
 * The verdicts in WildFly's Infinispan (cache "trust" of container "trustpool"): each entry lives
 * for the configured validity, and Infinispan, not our code, makes it disappear. On several engine
 * nodes the cache is replicated (configure-server.cli), so a verdict one node stores is read on all.
 * Keys are UUIDs and values Strings ({@link TrustCacheValue}): JDK types only, which any node's
 * marshaller can read, whatever classes the deployment has.
 */
public class InfinispanTrustCache implements TrustCache {
    private final Cache<UUID, Object> cache;
    private final TrustCacheReader reader = new TrustCacheReader();

    /**
     * @param cache the JNDI-injected cache; its declared value type (HostTrust at the injection point) is not
     *              what it holds: only this class writes it, and it writes Strings
     */
    @SuppressWarnings("unchecked")
    public InfinispanTrustCache(Cache<UUID, ?> cache) {
        this.cache = (Cache<UUID, Object>) cache;
    }

    @Override
    public HostTrust get(UUID vdsId) {
        return reader.read(vdsId, cache.get(vdsId));
    }

    @Override
    public void put(HostTrust trust, long validitySeconds) {
        cache.put(trust.vdsId(), TrustCacheValue.encode(trust), Math.max(1, validitySeconds), TimeUnit.SECONDS);
    }

    @Override
    public void remove(UUID vdsId) {
        cache.remove(vdsId);
        reader.forget(vdsId);
    }
}
