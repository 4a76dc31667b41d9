package org.trustpool.attestation.store;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** The records of enrollment kept by the store. */
public final class Enrollment {

    private Enrollment() {
    }

    /**
     * Why a name/EK/AIK triple cannot be bound: the EK or the AIK already identifies another name
     * ({@code holder} is that name), or the name is bound to another EK ({@code holder} is its fingerprint).
     */
    public enum Conflict {
        EK_TAKEN, AIK_TAKEN, NAME_TAKEN;

        static Conflict fromWire(String s) {
            return s == null ? null : valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The outcome of binding a name: CREATED / UNCHANGED / UPDATED, or CONFLICT with its kind and holder. */
    public record Binding(AttestationStore.Outcome outcome, Conflict conflict, String holder) {
    }

    public enum ChallengeOutcome { ISSUED, UNCHANGED, BUSY, CONFLICT }

    public record Issued(ChallengeOutcome outcome, Conflict conflict, String holder) {
    }

    /**
     * An open credential-activation challenge: the registration it would bind, and the SHA-256 of
     * the secret that answers it (never the secret).
     */
    public record PendingChallenge(String id, RegisteredHost host, String secretSha256, Instant expiresAt) {
    }

    /** A trusted EK CA. */
    public record EkCa(String sha256, String subject, Instant notAfter, String certificatePem, Instant addedAt,
                       X509Certificate certificate) {
    }
}
