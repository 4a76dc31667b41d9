package org.trustpool.bll.trust;

import java.util.UUID;

import org.trustpool.common.businessentities.HostTrust;

/** Current verdicts, each valid for a while; an expired entry is simply absent. */
public interface TrustCache {
    /** The verdict, or null when there is none or it expired. */
    HostTrust get(UUID vdsId);

    void put(HostTrust trust, long validitySeconds);

    /** Drops the host's verdict at once (its identity or its cluster changed). */
    void remove(UUID vdsId);

    /**
     * The hosts whose verdict is TRUSTED as of every change made so far, in a table a placement reads in one
     * probe per host ({@link TrustedHosts}); what it does not say is trusted is asked of {@link #get}.
     */
    TrustedHosts trusted();
}
