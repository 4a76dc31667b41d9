package org.trustpool.attestation.poll;

import java.time.Instant;

/**
 * The result of attesting one host: its level, when it was decided, and for every level but
 * trusted the check that decided it and why.
 */
public record Verdict(String hostName, TrustLevel level, Instant vtime, String check, String reason) {

    public static Verdict trusted(String host, Instant at) {
        return new Verdict(host, TrustLevel.TRUSTED, at, null, null);
    }
}
