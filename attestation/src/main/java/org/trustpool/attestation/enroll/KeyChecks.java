package org.trustpool.attestation.enroll;

import org.trustpool.attestation.tpm.Tpm2;
import org.trustpool.attestation.tpm.TpmtPublic;
import org.trustpool.attestation.verify.CheckResult;

/** What an attestation key and an endorsement key must be before we make a credential for them. */
public final class KeyChecks {

    /** What every AK must have: a restricted signing key born in this TPM and unable to leave it. */
    static final long AK_REQUIRED = TpmtPublic.FIXED_TPM | TpmtPublic.FIXED_PARENT | TpmtPublic.SENSITIVE_DATA_ORIGIN
            | TpmtPublic.RESTRICTED | TpmtPublic.SIGN;
    /** The TCG default EK (template L-1): a restricted decryption key that never leaves the TPM. */
    static final long EK_REQUIRED = TpmtPublic.FIXED_TPM | TpmtPublic.FIXED_PARENT | TpmtPublic.SENSITIVE_DATA_ORIGIN
            | TpmtPublic.RESTRICTED | TpmtPublic.DECRYPT;

    private KeyChecks() {
    }

    /**
     * fixedTPM and fixedParent: the key cannot be duplicated out of the TPM, so a quote it signs was
     * made by this TPM. sensitiveDataOrigin: the TPM made the private part, nobody imported a
     * key they keep a copy of. restricted + sign: it signs only structures the TPM made itself
     * (a quote), never arbitrary data shaped like one. decrypt clear: the TPM releases nothing with it.
     */
    public static CheckResult attestationKey(TpmtPublic ak) {
        if (ak.nameAlg() != Tpm2.TPM_ALG_SHA256) {
            return CheckResult.failed("ak", String.format("the AK's name algorithm is 0x%04x; only SHA-256 (0x000b) is accepted",
                    ak.nameAlg()));
        }
        long missing = AK_REQUIRED & ~ak.objectAttributes();
        if (missing != 0) {
            return CheckResult.failed("ak", "the AK is not a restricted signing key that never leaves its TPM: "
                    + attributeNames(missing) + " not set");
        }
        if (ak.has(TpmtPublic.DECRYPT)) {
            return CheckResult.failed("ak", "the AK has the decrypt attribute: an attestation key must only sign");
        }
        if (ak.keyBits() < 2048 || ak.keyBits() > 4096) {
            return CheckResult.failed("ak", "the AK has " + ak.keyBits() + " bits; 2048 to 4096 are accepted");
        }
        if (ak.scheme() != Tpm2.TPM_ALG_RSASSA || ak.schemeHash() != Tpm2.TPM_ALG_SHA256) {
            // our quote verifier checks RSASSA-SHA256 signatures only
            return CheckResult.failed("ak", String.format("the AK's scheme is 0x%04x/0x%04x; RSASSA with SHA-256 is required",
                    ak.scheme(), ak.schemeHash()));
        }
        return CheckResult.ok();
    }

    /**
     * Our MakeCredential encrypts to the default EK (RSA-2048, SHA-256 names, AES-128-CFB): a seed
     * encrypted to any other kind of key would be wrapped in parameters its TPM does not use.
     */
    public static CheckResult endorsementKey(TpmtPublic ek) {
        long missing = EK_REQUIRED & ~ek.objectAttributes();
        if (missing != 0) {
            return CheckResult.failed("ek", "the EK is not a restricted decryption key that never leaves its TPM: "
                    + attributeNames(missing) + " not set");
        }
        if (ek.has(TpmtPublic.SIGN)) {
            return CheckResult.failed("ek", "the EK has the sign attribute; an endorsement key only decrypts");
        }
        if (ek.nameAlg() != Tpm2.TPM_ALG_SHA256 || ek.keyBits() != 2048 || ek.symmetricAlg() != TpmtPublic.TPM_ALG_AES
                || ek.symmetricKeyBits() != 128 || ek.symmetricMode() != TpmtPublic.TPM_ALG_CFB) {
            return CheckResult.failed("ek", "only the default RSA-2048 EK (SHA-256 name, AES-128-CFB) is supported, got " + ek);
        }
        return CheckResult.ok();
    }

    static String attributeNames(long bits) {
        StringBuilder sb = new StringBuilder();
        append(sb, bits, TpmtPublic.FIXED_TPM, "fixedTPM");
        append(sb, bits, TpmtPublic.FIXED_PARENT, "fixedParent");
        append(sb, bits, TpmtPublic.SENSITIVE_DATA_ORIGIN, "sensitiveDataOrigin");
        append(sb, bits, TpmtPublic.RESTRICTED, "restricted");
        append(sb, bits, TpmtPublic.SIGN, "sign");
        append(sb, bits, TpmtPublic.DECRYPT, "decrypt");
        return sb.toString();
    }

    private static void append(StringBuilder sb, long bits, long bit, String name) {
        if ((bits & bit) != 0) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name);
        }
    }
}
