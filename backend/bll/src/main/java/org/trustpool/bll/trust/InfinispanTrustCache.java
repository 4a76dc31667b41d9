package org.trustpool.bll.trust;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.trustpool.common.businessentities.HostTrust;

/**
 * The verdicts in WildFly's Infinispan (cache "trust" of container "trustpool"): each entry lives
 * for the configured validity, and Infinispan, not our code, makes it disappear. On several engine
 * nodes the cache is replicated (configure-server.cli), so a verdict one node stores is read on all.
 * Keys are UUIDs and values Strings ({@link TrustCacheValue}): JDK types only, which any node's
 * marshaller can read, whatever classes the deployment has.
 * <p>
 * A listener tells the {@link TrustedIndex} of every entry written or removed, on this node or replicated from
 * another (a synchronous listener: a replicated write returns to its node only after this one's index heard of
 * it). {@link #close} removes it; the engine does so when it stops.
 */
public class InfinispanTrustCache implements TrustCache, AutoCloseable {
    private final Cache<UUID, Object> cache;
    private final TrustCacheReader reader;
    private final Changes changes;

    /**
     * @param cache the JNDI-injected cache; its declared value type (HostTrust at the injection point) is not
     *              what it holds: only this class writes it, and it writes Strings
     */
    @SuppressWarnings("unchecked")
    public InfinispanTrustCache(Cache<UUID, ?> cache) {
        this.cache = (Cache<UUID, Object>) cache;
        this.reader = new TrustCacheReader(this.cache::get);
        this.changes = new Changes(reader);
        this.cache.addListener(changes);
    }

    @Override
    public HostTrust get(UUID vdsId) {
        return reader.get(vdsId);
    }

    @Override
    public void put(HostTrust trust, long validitySeconds) {
        long lifespan = TrustCacheValue.lifespan(validitySeconds);
        cache.put(trust.vdsId(), TrustCacheValue.encode(trust, lifespan), lifespan, TimeUnit.SECONDS);
        reader.changed(trust.vdsId()); // the listener says so too; this does not depend on it
    }

    @Override
    public void remove(UUID vdsId) {
        cache.remove(vdsId);
        reader.changed(vdsId);
    }

    @Override
    public TrustedHosts trusted() {
        return reader.trusted();
    }

    @Override
    public void close() {
        cache.removeListener(changes);
    }

    /** Every entry created, replaced or removed, from whichever node, after the change (POST). */
    @Listener(observation = Listener.Observation.POST)
    public static final class Changes {
        private final TrustCacheReader reader;

        Changes(TrustCacheReader reader) {
            this.reader = reader;
        }

        @CacheEntryCreated
        @CacheEntryModified
        @CacheEntryRemoved
        public void changed(CacheEntryEvent<UUID, ?> event) {
            if (event.getKey() != null) {
                reader.changed(event.getKey());
            }
        }
    }
}
