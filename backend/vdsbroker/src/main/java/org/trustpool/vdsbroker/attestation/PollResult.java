package org.trustpool.vdsbroker.attestation;

import java.time.Instant;

import org.trustpool.common.businessentities.TrustLevel;

/**
 * One host's line of a PollHosts answer, read defensively: whatever could not be read is UNKNOWN with a reason.
 * agentUrl is where the service reached the machine it checked under that name; only our own service
 * says so (not in OpenAttestation's format): null when the answer does not carry it.
 */
public record PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason, String agentUrl) {

    public PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason) {
        this(hostName, level, verifiedAt, reason, null);
    }
}
