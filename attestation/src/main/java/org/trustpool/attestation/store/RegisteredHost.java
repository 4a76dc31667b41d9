package org.trustpool.attestation.store;

import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Locale;

/**
 * A host as it enrolled: where to challenge it, the AIK that must sign its quotes, what it runs,
 * and the TPM it is bound to (its EK's fingerprint and certificate) with the administrator's
 * approval state. {@code ekFingerprint} is null only for a host registered before enrollment
 * existed: such a host is not trusted until it enrolls again.
 */
public record RegisteredHost(String name, URI agentUrl, RSAPublicKey aik, String aikPem, String aikFingerprint,
                             String biosName, String biosVersion, String vmmName, String vmmVersion,
                             Instant registeredAt, Instant updatedAt, String ekFingerprint, String ekCertPem,
                             Approval approval) {

    /** Whether an enrolled host's verdicts count: the approval policy's answer, or an administrator's. */
    public enum Approval {
        APPROVED, PENDING, REJECTED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Approval fromWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** A host without an EK (registered before enrollment, or in tests of the quote path). */
    public RegisteredHost(String name, URI agentUrl, RSAPublicKey aik, String aikPem, String aikFingerprint,
                          String biosName, String biosVersion, String vmmName, String vmmVersion,
                          Instant registeredAt, Instant updatedAt) {
        this(name, agentUrl, aik, aikPem, aikFingerprint, biosName, biosVersion, vmmName, vmmVersion, registeredAt,
                updatedAt, null, null, Approval.APPROVED);
    }

    public RegisteredHost withEk(String ekFingerprint, String ekCertPem, Approval approval) {
        return new RegisteredHost(name, agentUrl, aik, aikPem, aikFingerprint, biosName, biosVersion, vmmName, vmmVersion,
                registeredAt, updatedAt, ekFingerprint, ekCertPem, approval);
    }

    /** Same keys and same data: a repeated registration that changes nothing. */
    public boolean sameRegistration(RegisteredHost o) {
        return name.equals(o.name) && agentUrl.equals(o.agentUrl) && aikFingerprint.equals(o.aikFingerprint)
                && java.util.Objects.equals(ekFingerprint, o.ekFingerprint)
                && biosName.equals(o.biosName) && biosVersion.equals(o.biosVersion) && vmmName.equals(o.vmmName)
                && vmmVersion.equals(o.vmmVersion);
    }
}
