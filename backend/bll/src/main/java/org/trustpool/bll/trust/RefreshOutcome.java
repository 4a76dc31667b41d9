package org.trustpool.bll.trust;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.trustpool.common.businessentities.HostTrust;

/**
 * What one refresh learnt: a verdict per host asked about, whether the service answered every request,
 * and which hosts it gave no answer for (their verdicts are UNKNOWN for that reason, not the service's
 * word: nothing is to be concluded about those hosts but that they cannot be trusted now).
 */
public record RefreshOutcome(Map<UUID, HostTrust> verdicts, boolean serviceAvailable, String failure, Set<UUID> unanswered) {

    /** Whether this host's verdict is the attestation service's answer. */
    public boolean answered(UUID vdsId) {
        return verdicts.containsKey(vdsId) && !unanswered.contains(vdsId);
    }
}
