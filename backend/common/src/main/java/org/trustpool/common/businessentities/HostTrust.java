package org.trustpool.common.businessentities;

import java.time.Instant;
import java.util.UUID;

/**
 * A host's attestation verdict: the level, when the attestation service verified it (its vtime),
 * why (for anything but TRUSTED), when the engine asked, and which TPM enrolled under the host's
 * name (SHA-256 of its endorsement key, hex; null when the service did not say).
 */
public record HostTrust(UUID vdsId, TrustLevel level, Instant verifiedAt, String reason, Instant checkedAt,
                        String ekFingerprint) implements java.io.Serializable {

    public HostTrust(UUID vdsId, TrustLevel level, Instant verifiedAt, String reason, Instant checkedAt) {
        this(vdsId, level, verifiedAt, reason, checkedAt, null);
    }

    /** The same verdict about the same TPM with another level and reason (when the engine overrules the service). */
    public HostTrust withLevel(TrustLevel newLevel, String newReason) {
        return new HostTrust(vdsId, newLevel, verifiedAt, newReason, checkedAt, ekFingerprint);
    }

    public boolean isTrusted() {
        return level == TrustLevel.TRUSTED;
    }
}
