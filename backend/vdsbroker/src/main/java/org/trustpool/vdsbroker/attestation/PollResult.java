package org.trustpool.vdsbroker.attestation;

import java.time.Instant;

import org.trustpool.common.businessentities.TrustLevel;

/**
 * One host's line of a PollHosts answer, read defensively: whatever could not be read is UNKNOWN with a reason.
 * agentUrl is where the service reached the machine it checked under that name; only our own service
 * says so (not in OpenAttestation's format): null when the answer does not carry it. ekFingerprint is
 * the TPM that enrolled under that name (SHA-256 of its EK's public key, 64 hex digits), another
 * addition of ours; null when absent or not of that form.
 */
public record PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason, String agentUrl,
                         String ekFingerprint) {

    public PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason) {
        this(hostName, level, verifiedAt, reason, null, null);
    }

    public PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason, String agentUrl) {
        this(hostName, level, verifiedAt, reason, agentUrl, null);
    }
}
