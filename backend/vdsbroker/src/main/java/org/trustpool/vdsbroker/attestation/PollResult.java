package org.trustpool.vdsbroker.attestation;

import java.time.Instant;

import org.trustpool.common.businessentities.TrustLevel;

/**
 * One host's line of a PollHosts answer, read defensively: whatever could not be read is UNKNOWN with a reason.
 * agentUrl is where the service reached the machine it checked under that name; only our own service
 * says so (not in OpenAttestation's format): null when the answer does not carry it. ekFingerprint is
 * the TPM that enrolled under that name (SHA-256 of its EK's public key, 64 hex digits), another
 * addition of ours; null when absent or not of that form. challengedForRequest: the service's signed word
 * that it challenged the host while answering this very request (its entry names the challenge and is
 * signed together with our request's nonce), so the measurement happened after the request was sent.
 */
public record PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason, String agentUrl,
                         String ekFingerprint, boolean challengedForRequest) {

    public PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason) {
        this(hostName, level, verifiedAt, reason, null, null, false);
    }

    public PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason, String agentUrl) {
        this(hostName, level, verifiedAt, reason, agentUrl, null, false);
    }

    public PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason, String agentUrl, String ekFingerprint) {
        this(hostName, level, verifiedAt, reason, agentUrl, ekFingerprint, false);
    }
}
