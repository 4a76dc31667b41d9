package org.trustpool.attestation.poll;

import java.time.Instant;
import java.util.HexFormat;

/**
 * The result of attesting one host: its level, when it was decided, and for every level but
 * trusted the check that decided it and why. challenge is the nonce (hex) the host was asked to
 * quote, when it was challenged: the signed answer names it, so the verdict points at one quote.
 */
public record Verdict(String hostName, TrustLevel level, Instant vtime, String check, String reason, String challenge) {

    public Verdict(String hostName, TrustLevel level, Instant vtime, String check, String reason) {
        this(hostName, level, vtime, check, reason, null);
    }

    public static Verdict trusted(String host, Instant at) {
        return new Verdict(host, TrustLevel.TRUSTED, at, null, null);
    }

    /** This verdict, about the quote asked for with this nonce. */
    public Verdict withChallenge(byte[] nonce) {
        return new Verdict(hostName, level, vtime, check, reason, nonce == null ? null : HexFormat.of().formatHex(nonce));
    }
}
