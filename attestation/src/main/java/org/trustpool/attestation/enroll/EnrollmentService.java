package org.trustpool.attestation.enroll;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.store.Enrollment;
import org.trustpool.attestation.store.HostRecord;
import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.verify.Aik;
import org.trustpool.attestation.verify.CheckResult;

/**
 * Enrollment in two steps, as keylime's registrar does it:
 * <ol>
 * <li>{@link #begin}: the EK certificate must chain to a trusted EK CA and be about the EK
 * presented; the AK must be a restricted signing key that never leaves its TPM; the name, EK and
 * AK must not be bound elsewhere. Then a random secret goes out wrapped by TPM2_MakeCredential
 * to that EK and the AK's name, with a single-use, short-lived challenge id.</li>
 * <li>{@link #finish}: whoever brings the secret back has a TPM that holds that EK's private key
 * and has that AK loaded; only now is the name bound to the EK and the AK.</li>
 * </ol>
 * Every decision is logged with the EK's fingerprint, so an administrator can follow one
 * machine's story whatever names it tried.
 */
public final class EnrollmentService {

    private static final Logger LOG = Logger.getLogger(EnrollmentService.class.getName());
    public static final int SECRET_BYTES = 32;

    /** AUTO: an EK that chains to a trusted CA is approved at once; MANUAL: every new EK waits for an administrator. */
    public enum ApprovalPolicy { AUTO, MANUAL }

    /** What an answer to the agent says. */
    public sealed interface Result permits Refused, Challenge, Enrolled {
    }

    /** @param status the HTTP status (400, 403, 409, 410, 503) */
    public record Refused(int status, String reason) implements Result {
    }

    /** @param credentialBlob tpm2-tools' credential file (TPM2B_ID_OBJECT + TPM2B_ENCRYPTED_SECRET) */
    public record Challenge(String challengeId, byte[] credentialBlob, Instant expiresAt, String ekFingerprint)
            implements Result {
    }

    public record Enrolled(AttestationStore.Outcome outcome, HostRecord host) implements Result {
    }

    private final AttestationStore store;
    private final ApprovalPolicy policy;
    private final Duration ttl;
    private final int maxPending;
    private final SecureRandom random;
    private final Clock clock;

    public EnrollmentService(AttestationStore store, ApprovalPolicy policy, Duration ttl, int maxPending,
                             SecureRandom random, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.ttl = ttl;
        this.maxPending = maxPending;
        this.random = random;
        this.clock = clock;
    }

    public ApprovalPolicy policy() {
        return policy;
    }

    public Result begin(EnrollmentRequest r) {
        String ekFp = Aik.fingerprint(r.ek().rsaPublicKey());
        CheckResult ek = KeyChecks.endorsementKey(r.ek());
        if (!ek.passed()) {
            return refuse(r.hostName(), ekFp, 400, ek.reason());
        }
        CheckResult cert = EkCertificates.check(r.ekCertificate(), r.intermediates(), r.ek().rsaPublicKey(),
                store.ekCas().stream().map(Enrollment.EkCa::certificate).toList(), clock.instant());
        if (!cert.passed()) {
            return refuse(r.hostName(), ekFp, 403, cert.reason());
        }
        CheckResult ak = KeyChecks.attestationKey(r.ak());
        if (!ak.passed()) {
            return refuse(r.hostName(), ekFp, 400, ak.reason());
        }
        RSAPublicKey akKey = r.ak().rsaPublicKey();
        RegisteredHost host = new RegisteredHost(r.hostName(), r.agentUrl(), akKey, Aik.toPem(akKey), Aik.fingerprint(akKey),
                r.biosName(), r.biosVersion(), r.vmmName(), r.vmmVersion(), null, null, ekFp, r.ekCertificatePem(),
                RegisteredHost.Approval.PENDING);
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        Instant expires = clock.instant().plus(ttl);
        Enrollment.Issued issued = store.issueChallenge(new Enrollment.PendingChallenge(id, host, sha256Hex(secret), expires),
                ttl, maxPending);
        switch (issued.outcome()) {
            case UNCHANGED -> {
                LOG.info(() -> "enrollment of " + r.hostName() + " (EK " + ekFp + "): unchanged, nothing to prove");
                return new Enrolled(AttestationStore.Outcome.UNCHANGED, store.host(r.hostName()).orElse(null));
            }
            case BUSY -> {
                return refuse(r.hostName(), ekFp, 503, maxPending + " enrollment challenges are open; try again later");
            }
            case CONFLICT -> {
                return refuse(r.hostName(), ekFp, 409, conflict(r.hostName(), issued.conflict(), issued.holder()));
            }
            default -> {
                // ISSUED
            }
        }
        // The blob opens only in the TPM holding this EK's private key with this AK loaded: the
        // HMAC inside covers the AK's name, i.e. the hash of its public area with its attributes.
        byte[] blob = MakeCredential.make(r.ek().rsaPublicKey(), r.ak().name(), secret, random).toTpm2ToolsFile();
        java.util.Arrays.fill(secret, (byte) 0);
        LOG.info(() -> "enrollment of " + r.hostName() + " (EK " + ekFp + ", AIK " + host.aikFingerprint()
                + "): credential challenge " + id.substring(0, 8) + "... issued, valid until " + expires);
        return new Challenge(id, blob, expires, ekFp);
    }

    public Result finish(String challengeId, byte[] secret) {
        Optional<Enrollment.PendingChallenge> taken = store.consumeChallenge(challengeId);
        if (taken.isEmpty()) {
            LOG.warning(() -> "enrollment: unknown or used challenge " + abbreviate(challengeId));
            return new Refused(410, "no open challenge " + abbreviate(challengeId) + " (unknown, already answered or expired)");
        }
        Enrollment.PendingChallenge ch = taken.get();
        RegisteredHost host = ch.host();
        if (clock.instant().isAfter(ch.expiresAt())) {
            return refuse(host.name(), host.ekFingerprint(), 410, "the challenge expired at " + ch.expiresAt()
                    + "; register again");
        }
        // Compared as hashes, in constant time; the challenge is used up either way, so a wrong
        // answer cannot be followed by another guess.
        if (secret == null || !MessageDigest.isEqual(sha256Hex(secret).getBytes(), ch.secretSha256().getBytes())) {
            return refuse(host.name(), host.ekFingerprint(), 403, "credential activation failed: the secret does not match,"
                    + " so the AK (sha256 " + host.aikFingerprint() + ") and the EK are not in one TPM");
        }
        RegisteredHost.Approval newApproval = policy == ApprovalPolicy.AUTO ? RegisteredHost.Approval.APPROVED
                : RegisteredHost.Approval.PENDING;
        Enrollment.Binding b = store.bind(host, newApproval);
        if (b.outcome() == AttestationStore.Outcome.CONFLICT) {
            return refuse(host.name(), host.ekFingerprint(), 409, conflict(host.name(), b.conflict(), b.holder()));
        }
        HostRecord stored = store.host(host.name()).orElse(null);
        LOG.info(() -> "enrollment of " + host.name() + " (EK " + host.ekFingerprint() + ", AIK " + host.aikFingerprint()
                + ", " + host.agentUrl() + "): credential activated, " + b.outcome().name().toLowerCase()
                + (stored != null ? ", approval " + stored.host().approval().wire() : ""));
        return new Enrolled(b.outcome(), stored);
    }

    static String conflict(String name, Enrollment.Conflict kind, String holder) {
        return switch (kind) {
            case EK_TAKEN -> "this EK already identifies host " + holder + "; one machine has one name (an administrator"
                    + " must DELETE /resources/hosts/" + holder + " to rename it)";
            case AIK_TAKEN -> "this AIK already identifies host " + holder + "; an attestation key belongs to one host";
            case NAME_TAKEN -> name + " is bound to another TPM (sha256 " + holder + "); moving a name to another EK needs"
                    + " an administrator (DELETE /resources/hosts/" + name + ")";
        };
    }

    private static Refused refuse(String name, String ekFp, int status, String reason) {
        LOG.warning(() -> "enrollment of " + name + " (EK " + ekFp + ") refused (" + status + "): " + reason);
        return new Refused(status, reason);
    }

    private static String abbreviate(String id) {
        return id == null ? "null" : id.length() > 8 ? id.substring(0, 8) + "..." : id;
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For logs and answers: the TPM behind a record, or "none" for one registered before enrollment. */
    public static String ekOf(RegisteredHost h) {
        return h.ekFingerprint() == null ? "none" : h.ekFingerprint();
    }

    List<Enrollment.EkCa> trustedCas() {
        return store.ekCas();
    }
}
