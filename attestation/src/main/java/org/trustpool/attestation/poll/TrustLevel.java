package org.trustpool.attestation.poll;

/** PollHosts' trust_lvl values; never collapsed into one another. */
public enum TrustLevel {
    /** The quote verified with the registered AIK and every PCR matched the whitelist. */
    TRUSTED,
    /** The host answered, but its answer failed a check (the reason says which). */
    UNTRUSTED,
    /** The service has never registered this host. */
    UNKNOWN,
    /** No answer to the challenge within the deadline (or the agent could not be reached). */
    TIMEOUT;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return null for anything else */
    public static TrustLevel fromWire(String s) {
        for (TrustLevel l : values()) {
            if (l.wire().equals(s)) {
                return l;
            }
        }
        return null;
    }
}
