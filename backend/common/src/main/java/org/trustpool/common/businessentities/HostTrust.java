package org.trustpool.common.businessentities;

import java.time.Instant;
import java.util.UUID;

/**
 * A host's attestation verdict: the level, when the attestation service verified it (its vtime),
 * why (for anything but TRUSTED), and when the engine asked.
 */
public record HostTrust(UUID vdsId, TrustLevel level, Instant verifiedAt, String reason, Instant checkedAt)
        implements java.io.Serializable {

    public boolean isTrusted() {
        return level == TrustLevel.TRUSTED;
    }
}
