package org.trustpool.hostagent;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A software TPM 2.0 reduced to what remote attestation needs: one SHA-256 PCR bank and an
 * attestation key (AIK) that signs quotes. Every byte it emits follows TPM 2.0 Part 2
 * (big-endian, TPM2B = UINT16 size + bytes), so a verifier written for real TPMs (and
 * {@code tpm2_checkquote}) accepts our quotes; see TpmConformanceTest.
 * <p>
 * Thread-safe: extend and quote are synchronized so a quote always covers one consistent
 * snapshot of the PCRs (the digest and the reported values can never disagree).
 */
public final class SoftwareTpm implements Tpm {

    public static final int PCR_COUNT = 24;
    public static final int DIGEST_SIZE = 32;
    public static final int MIN_NONCE_BYTES = 16;
    public static final int MAX_NONCE_BYTES = 64;

    static final int TPM_GENERATED_VALUE = 0xff544347;
    static final int TPM_ST_ATTEST_QUOTE = 0x8018;
    static final int TPM_ALG_RSA = 0x0001;
    static final int TPM_ALG_SHA256 = 0x000B;
    static final int TPM_ALG_NULL = 0x0010;
    static final int TPM_ALG_RSASSA = 0x0014;
    /** fixedTPM | fixedParent | sensitiveDataOrigin | userWithAuth | restricted | sign: tpm2_createak's AK. */
    static final int AK_OBJECT_ATTRIBUTES = 0x00050072;
    static final int PCR_SELECT_BYTES = PCR_COUNT / 8;
    static final long FIRMWARE_VERSION = 0x0000_0001_0000_0000L;

    /** The default EK (TCG EK Credential Profile template L-1): restricted decrypt, AES-128-CFB, adminWithPolicy. */
    static final int EK_OBJECT_ATTRIBUTES = 0x000300B2;
    /** TPM2_PolicySecret(TPM_RH_ENDORSEMENT): the default EK's authPolicy (EK Credential Profile, B.3.3). */
    static final byte[] EK_AUTH_POLICY = java.util.HexFormat.of().parseHex(
            "837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa");
    static final int TPM_ALG_AES = 0x0006;
    static final int TPM_ALG_CFB = 0x0043;

    private final KeyPair aik;
    private final byte[] aikName;
    private final KeyPair ek;
    private final byte[][] pcrs = new byte[PCR_COUNT][DIGEST_SIZE];
    /** TPMS_CLOCK_INFO.clock counts milliseconds since this TPM was powered on. */
    private final long powerOnNanos = System.nanoTime();

    /** A freshly reset TPM (all PCRs zero) whose AIK is {@code aik} (RSA-2048), with a fresh EK. */
    public SoftwareTpm(KeyPair aik) {
        this(aik, AikStore.generate());
    }

    /** A freshly reset TPM whose AIK is {@code aik} and whose endorsement key is {@code ek} (both RSA-2048). */
    public SoftwareTpm(KeyPair aik, KeyPair ek) {
        this.aik = Objects.requireNonNull(aik);
        this.ek = Objects.requireNonNull(ek);
        RSAPublicKey pub = (RSAPublicKey) aik.getPublic();
        if (pub.getModulus().bitLength() != 2048 || ((RSAPublicKey) ek.getPublic()).getModulus().bitLength() != 2048) {
            throw new IllegalArgumentException("the AIK and the EK must be RSA-2048");
        }
        this.aikName = nameOf(pub);
    }

    @Override
    public RSAPublicKey ekPublic() {
        return (RSAPublicKey) ek.getPublic();
    }

    /** The AIK's TPMT_PUBLIC, the bytes its name is the hash of: what enrollment sends to the verifier. */
    @Override
    public byte[] aikPublicArea() {
        return akPublicArea(aikPublic());
    }

    /** The EK's TPMT_PUBLIC in the default template (what {@code tpm2_createek -G rsa} makes). */
    @Override
    public byte[] ekPublicArea() {
        return ekPublicArea(ekPublic());
    }

    /**
     * TPM2_ActivateCredential with the EK and the AIK of this TPM: recovers the seed with the EK's
     * private key, checks the HMAC over the encrypted credential and the name of the AIK this
     * TPM holds, and only then decrypts. A blob made for another TPM's EK, or bound to another
     * key's name, fails here, which is the whole point: the verifier learns that both keys are in
     * one TPM. {@code blob} is tpm2-tools' credential file (magic, version, TPM2B_ID_OBJECT,
     * TPM2B_ENCRYPTED_SECRET).
     *
     * @throws CredentialActivation.ActivationException when the blob is malformed or not for this TPM
     */
    @Override
    public byte[] activateCredential(byte[] blob) throws CredentialActivation.ActivationException {
        return CredentialActivation.activate(ek.getPrivate(), aikName, blob);
    }

    @Override
    public RSAPublicKey aikPublic() {
        return (RSAPublicKey) aik.getPublic();
    }

    /** The AIK's TPM name: nameAlg (SHA-256) || SHA-256(TPMT_PUBLIC). */
    public byte[] aikName() {
        return aikName.clone();
    }

    /** PCR[n] := SHA-256(PCR[n] || digest), the only way a PCR can ever change (short of a reset). */
    @Override
    public synchronized byte[] extend(int pcr, byte[] digest) {
        checkPcr(pcr);
        if (digest == null || digest.length != DIGEST_SIZE) {
            throw new IllegalArgumentException("a SHA-256 digest has " + DIGEST_SIZE + " bytes");
        }
        MessageDigest sha = sha256();
        sha.update(pcrs[pcr]);
        sha.update(digest);
        pcrs[pcr] = sha.digest();
        return pcrs[pcr].clone();
    }

    /**
     * What TPM2_Startup(CLEAR) does at a reboot: every PCR back to zero, ready for a new measured boot.
     * (A real TPM starts PCR 17-22 at all ones until a dynamic launch; this one keeps them at zero, which
     * gives the same values after {@link #dynamicLaunch}.)
     */
    @Override
    public synchronized void restart() {
        resetPcrs();
    }

    public synchronized void resetPcrs() {
        for (byte[] pcr : pcrs) {
            java.util.Arrays.fill(pcr, (byte) 0);
        }
    }

    @Override
    public synchronized void dynamicLaunch(byte[] code) {
        for (int pcr = 17; pcr <= 22; pcr++) {
            java.util.Arrays.fill(pcrs[pcr], (byte) 0);
        }
        extend(17, sha256().digest(code));
    }

    @Override
    public String describe() {
        return "software TPM";
    }

    @Override
    public synchronized byte[] pcr(int pcr) {
        checkPcr(pcr);
        return pcrs[pcr].clone();
    }

    /**
     * TPM2_Quote: signs a {@code TPMS_ATTEST} over the selected PCRs. The caller's nonce goes
     * into extraData, so the signature binds it: a recorded quote cannot be replayed against a
     * fresh challenge, and the quote proves the PCR values are current, not merely once seen.
     */
    @Override
    public synchronized Quote quote(byte[] nonce, SortedSet<Integer> selection) {
        if (nonce == null || nonce.length < MIN_NONCE_BYTES || nonce.length > MAX_NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must have " + MIN_NONCE_BYTES + ".." + MAX_NONCE_BYTES + " bytes");
        }
        if (selection == null || selection.isEmpty()) {
            throw new IllegalArgumentException("select at least one PCR");
        }
        selection.forEach(SoftwareTpm::checkPcr);
        Map<Integer, byte[]> values = new TreeMap<>();
        MessageDigest pcrDigest = sha256();
        for (int pcr : new TreeSet<>(selection)) { // ascending order, as the TPM concatenates them
            values.put(pcr, pcrs[pcr].clone());
            pcrDigest.update(pcrs[pcr]);
        }
        byte[] attest = attest(nonce, selection, pcrDigest.digest());
        return new Quote(attest, sign(attest), Collections.unmodifiableMap(values));
    }

    /** TPMS_ATTEST for TPM_ST_ATTEST_QUOTE, TPM 2.0 Part 2 §10.12.12 (big-endian throughout). */
    private byte[] attest(byte[] nonce, SortedSet<Integer> selection, byte[] pcrDigest) {
        Wire w = new Wire();
        w.u32(TPM_GENERATED_VALUE);          // magic: only a TPM signs data starting with this
        w.u16(TPM_ST_ATTEST_QUOTE);          // type
        w.sized(aikName);                    // qualifiedSigner (TPM2B_NAME)
        w.sized(nonce);                      // extraData (TPM2B_DATA): the verifier's nonce
        w.u64((System.nanoTime() - powerOnNanos) / 1_000_000L); // clockInfo.clock
        w.u32(0);                            // clockInfo.resetCount
        w.u32(0);                            // clockInfo.restartCount
        w.u8(1);                             // clockInfo.safe
        w.u64(FIRMWARE_VERSION);             // firmwareVersion
        w.u32(1);                            // TPML_PCR_SELECTION.count: one bank
        w.u16(TPM_ALG_SHA256);               //   TPMS_PCR_SELECTION.hash
        w.u8(PCR_SELECT_BYTES);              //   sizeofSelect
        w.raw(selectBitmap(selection));      //   pcrSelect
        w.sized(pcrDigest);                  // pcrDigest (TPM2B_DIGEST)
        return w.bytes();
    }

    /** PCR n is bit (n mod 8) of byte n/8. */
    static byte[] selectBitmap(SortedSet<Integer> selection) {
        byte[] bitmap = new byte[PCR_SELECT_BYTES];
        for (int pcr : selection) {
            bitmap[pcr / 8] |= (byte) (1 << (pcr % 8));
        }
        return bitmap;
    }

    /** TPMT_SIGNATURE: sigAlg RSASSA, hash SHA-256, TPM2B_PUBLIC_KEY_RSA (PKCS#1 v1.5 over the attest bytes). */
    private byte[] sign(byte[] attest) {
        byte[] rsa;
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(aik.getPrivate());
            signer.update(attest);
            rsa = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the AIK", e);
        }
        Wire w = new Wire();
        w.u16(TPM_ALG_RSASSA);
        w.u16(TPM_ALG_SHA256);
        w.sized(rsa);
        return w.bytes();
    }

    /**
     * The name a TPM gives this key when it is an AK made like {@code tpm2_createak -G rsa -g sha256
     * -s rsassa}: 0x000B || SHA-256(TPMT_PUBLIC). TpmConformanceTest checks it against swtpm's.
     */
    static byte[] nameOf(RSAPublicKey key) {
        MessageDigest sha = sha256();
        Wire name = new Wire();
        name.u16(TPM_ALG_SHA256);
        name.raw(sha.digest(akPublicArea(key)));
        return name.bytes();
    }

    /** The TPMT_PUBLIC a TPM gives an AK made like tpm2_createak -G rsa -g sha256 -s rsassa with this public key. */
    public static byte[] akPublicArea(RSAPublicKey key) {
        Wire pub = new Wire();
        pub.u16(TPM_ALG_RSA);                 // type
        pub.u16(TPM_ALG_SHA256);              // nameAlg
        pub.u32(AK_OBJECT_ATTRIBUTES);        // objectAttributes
        pub.u16(0);                           // authPolicy: empty
        pub.u16(TPM_ALG_NULL);                // symmetric: none (a signing key)
        pub.u16(TPM_ALG_RSASSA);              // scheme
        pub.u16(TPM_ALG_SHA256);              //   its hash
        rsaTail(pub, key);
        return pub.bytes();
    }

    static byte[] ekPublicArea(RSAPublicKey key) {
        Wire pub = new Wire();
        pub.u16(TPM_ALG_RSA);                 // type
        pub.u16(TPM_ALG_SHA256);              // nameAlg
        pub.u32(EK_OBJECT_ATTRIBUTES);        // fixedTPM fixedParent sensitiveDataOrigin adminWithPolicy restricted decrypt
        pub.sized(EK_AUTH_POLICY);            // authPolicy: PolicySecret(endorsement hierarchy)
        pub.u16(TPM_ALG_AES);                 // symmetric: AES-128-CFB, used to protect the credential
        pub.u16(128);
        pub.u16(TPM_ALG_CFB);
        pub.u16(TPM_ALG_NULL);                // scheme: none (a storage key)
        rsaTail(pub, key);
        return pub.bytes();
    }

    private static void rsaTail(Wire pub, RSAPublicKey key) {
        pub.u16(key.getModulus().bitLength()); // keyBits
        BigInteger e = key.getPublicExponent();
        pub.u32(e.equals(BigInteger.valueOf(65537)) ? 0 : e.intValueExact()); // 0 means the default 2^16+1
        pub.sized(unsigned(key.getModulus(), key.getModulus().bitLength() / 8)); // unique: the modulus
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == length) {
            return bytes;
        }
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    private static void checkPcr(int pcr) {
        if (pcr < 0 || pcr >= PCR_COUNT) {
            throw new IllegalArgumentException("PCR index must be 0.." + (PCR_COUNT - 1) + ", got " + pcr);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Big-endian marshalling, as every TPM structure is on the wire. */
    private static final class Wire {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        void u8(int v) {
            out.write(v);
        }

        void u16(int v) {
            out.write(v >>> 8);
            out.write(v);
        }

        void u32(int v) {
            u16(v >>> 16);
            u16(v);
        }

        void u64(long v) {
            u32((int) (v >>> 32));
            u32((int) v);
        }

        void raw(byte[] bytes) {
            out.writeBytes(bytes);
        }

        /** A TPM2B: UINT16 size, then the bytes. */
        void sized(byte[] bytes) {
            u16(bytes.length);
            raw(bytes);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
