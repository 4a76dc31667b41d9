package org.trustpool.vdsbroker.attestation;

import java.time.Instant;

import org.trustpool.common.businessentities.TrustLevel;

/** One host's line of a PollHosts answer, read defensively: whatever could not be read is UNKNOWN with a reason. */
public record PollResult(String hostName, TrustLevel level, Instant verifiedAt, String reason) {
}
