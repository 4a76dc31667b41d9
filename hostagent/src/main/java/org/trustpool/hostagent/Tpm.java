package org.trustpool.hostagent;

import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What a host agent needs of its TPM for measured boot, remote attestation and enrollment. Two
 * backends: {@link SoftwareTpm} (the simulator's, in memory) and {@link SwtpmTpm} (a real TPM 2.0
 * implementation, swtpm, driven through tpm2-tools). Both emit the TPM's own structures
 * (TPMS_ATTEST, TPMT_SIGNATURE, TPMT_PUBLIC), so the attestation service cannot tell them apart
 * by format, only by the EK certificate's issuer.
 * <p>
 * Implementations are thread-safe; a caller that needs several operations to see one state (a
 * reboot: reset, then the boot's measurements) synchronizes on the TPM object.
 */
public interface Tpm {

    /** The attestation key's TPMT_PUBLIC, the bytes its name is the hash of: what enrollment sends. */
    byte[] aikPublicArea();

    RSAPublicKey aikPublic();

    /** The endorsement key's TPMT_PUBLIC. */
    byte[] ekPublicArea();

    RSAPublicKey ekPublic();

    /**
     * The EK certificate its manufacturer put into the TPM, followed by the manufacturer's
     * intermediate CA certificates (PEM), or empty when this TPM carries none and the caller must
     * have one issued (the simulator's TPMs).
     */
    default Optional<String> ekCertificateChainPem() {
        return Optional.empty();
    }

    /**
     * TPM2_ActivateCredential with this TPM's EK and AIK: recovers the secret only when the blob was
     * made for this EK and bound to this AIK's name.
     *
     * @throws CredentialActivation.ActivationException when the blob is malformed or not for this TPM
     */
    byte[] activateCredential(byte[] blob) throws CredentialActivation.ActivationException;

    /** PCR[n] := SHA-256(PCR[n] || digest); returns the new value. */
    byte[] extend(int pcr, byte[] digest);

    /**
     * An extend whose new value the caller does not need (a boot's measurements): a backend whose
     * every read is a round trip (swtpm) skips reading it back.
     */
    default void measure(int pcr, byte[] digest) {
        extend(pcr, digest);
    }

    byte[] pcr(int pcr);

    /**
     * A dynamic launch (Intel TXT's GETSEC[SENTER]): PCR 17-22 start from zero and PCR 17 receives
     * the measurement of the launched code ({@code SHA-256(code)}), as the TPM's _TPM_Hash_Start /
     * _TPM_Hash_Data / _TPM_Hash_End sequence does at locality 4. A real TPM lets no other caller
     * reset these PCRs, which is why a kernel measured after the launch can be trusted.
     */
    void dynamicLaunch(byte[] code);

    /** A platform reset followed by TPM2_Startup(CLEAR): every PCR back to its power-on value. */
    void restart();

    /** TPM2_Quote over the selected SHA-256 PCRs with the verifier's nonce. */
    Quote quote(byte[] nonce, SortedSet<Integer> selection);

    /** A one-line description for logs ("software TPM", "swtpm in DIR"). */
    String describe();

    /**
     * What TPM2_Quote returns.
     *
     * @param attest    TPMS_ATTEST bytes (what was signed)
     * @param signature TPMT_SIGNATURE bytes
     * @param pcrValues the selected PCRs in ascending order, the values the digest covers
     */
    record Quote(byte[] attest, byte[] signature, Map<Integer, byte[]> pcrValues) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Quote q && Arrays.equals(attest, q.attest) && Arrays.equals(signature, q.signature);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(attest) * 31 + Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "Quote[" + attest.length + " bytes, PCRs " + pcrValues.keySet() + "]";
        }
    }
}
