package org.trustpool.common.businessentities;

import java.util.Locale;

/**
 * The attestation service's verdict on a host. Only TRUSTED lets trusted workloads run; the other
 * three are kept apart (in storage and API) because they call for different actions: UNTRUSTED is
 * a measured mismatch, UNKNOWN means the service does not know the host (or answered something we
 * could not read), TIMEOUT means the host did not answer its challenge in time.
 */
public enum TrustLevel {
    TRUSTED, UNTRUSTED, UNKNOWN, TIMEOUT;

    /** OpenAttestation's trust_lvl words; anything else is UNKNOWN, never an error. */
    public static TrustLevel fromTrustLvl(String trustLvl) {
        if (trustLvl == null) {
            return UNKNOWN;
        }
        return switch (trustLvl.trim().toLowerCase(Locale.ROOT)) {
            case "trusted" -> TRUSTED;
            case "untrusted" -> UNTRUSTED;
            case "timeout" -> TIMEOUT;
            default -> UNKNOWN;
        };
    }
}
