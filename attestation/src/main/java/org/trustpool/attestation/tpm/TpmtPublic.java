package org.trustpool.attestation.tpm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * An RSA key's TPM public area ({@code TPMT_PUBLIC}, TPM 2.0 Part 2 §12.2.4), parsed from the
 * bytes a host sent. The bytes are kept exactly as received: the key's TPM name is a hash over
 * them, so a credential bound to that name only opens inside the TPM that holds this very key
 * with these very attributes.
 *
 * @param bytes the marshalled TPMT_PUBLIC (without a TPM2B size prefix)
 */
public record TpmtPublic(int type, int nameAlg, long objectAttributes, byte[] authPolicy, int symmetricAlg,
                         int symmetricKeyBits, int symmetricMode, int scheme, int schemeHash, int keyBits,
                         long exponent, byte[] modulus, byte[] bytes) {

    public static final int TPM_ALG_RSA = 0x0001;
    public static final int TPM_ALG_AES = 0x0006;
    public static final int TPM_ALG_NULL = 0x0010;
    public static final int TPM_ALG_CFB = 0x0043;

    public static final long FIXED_TPM = 1L << 1;
    public static final long FIXED_PARENT = 1L << 4;
    public static final long SENSITIVE_DATA_ORIGIN = 1L << 5;
    public static final long USER_WITH_AUTH = 1L << 6;
    public static final long ADMIN_WITH_POLICY = 1L << 7;
    public static final long RESTRICTED = 1L << 16;
    public static final long DECRYPT = 1L << 17;
    public static final long SIGN = 1L << 18;

    /** A whole public area is far below this; anything bigger is refused before it is read. */
    public static final int MAX_BYTES = 1024;
    private static final int MAX_MODULUS = 512;

    /** Parses a TPM2B_PUBLIC (UINT16 size, then the TPMT_PUBLIC), as tpm2-tools writes it with {@code -u}. */
    public static TpmtPublic parseTpm2b(byte[] tpm2b) throws MalformedStructureException {
        TpmReader r = new TpmReader(tpm2b, "TPM2B_PUBLIC");
        byte[] inner = r.sized("publicArea", MAX_BYTES);
        r.end();
        return parse(inner);
    }

    public static TpmtPublic parse(byte[] bytes) throws MalformedStructureException {
        if (bytes == null || bytes.length > MAX_BYTES) {
            throw new MalformedStructureException("TPMT_PUBLIC: missing or longer than " + MAX_BYTES + " bytes");
        }
        TpmReader r = new TpmReader(bytes, "TPMT_PUBLIC");
        int type = r.uint16("type");
        if (type != TPM_ALG_RSA) {
            throw new MalformedStructureException(String.format("TPMT_PUBLIC: type 0x%04x is not RSA (0x0001)", type));
        }
        int nameAlg = r.uint16("nameAlg");
        long attributes = r.uint32("objectAttributes");
        byte[] authPolicy = r.sized("authPolicy", Tpm2.MAX_DIGEST);
        int symAlg = r.uint16("parameters.symmetric.algorithm");
        int symBits = 0;
        int symMode = TPM_ALG_NULL;
        if (symAlg != TPM_ALG_NULL) {
            symBits = r.uint16("parameters.symmetric.keyBits");
            symMode = r.uint16("parameters.symmetric.mode");
        }
        int scheme = r.uint16("parameters.scheme.scheme");
        int schemeHash = TPM_ALG_NULL;
        if (scheme != TPM_ALG_NULL) {
            schemeHash = r.uint16("parameters.scheme.details.hashAlg");
        }
        int keyBits = r.uint16("parameters.keyBits");
        long exponent = r.uint32("parameters.exponent");
        byte[] modulus = r.sized("unique.rsa", MAX_MODULUS);
        r.end();
        if (modulus.length * 8 != keyBits) {
            throw new MalformedStructureException("TPMT_PUBLIC: keyBits " + keyBits + " but the modulus has "
                    + modulus.length * 8 + " bits");
        }
        return new TpmtPublic(type, nameAlg, attributes, authPolicy, symAlg, symBits, symMode, scheme, schemeHash,
                keyBits, exponent, modulus, bytes.clone());
    }

    public boolean has(long attribute) {
        return (objectAttributes & attribute) != 0;
    }

    /** The key as Java sees it; an exponent of 0 means the default 2^16+1. */
    public RSAPublicKey rsaPublicKey() {
        try {
            BigInteger e = BigInteger.valueOf(exponent == 0 ? 65537 : exponent);
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(new BigInteger(1, modulus), e));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("an RSA public key from a modulus and exponent cannot fail", ex);
        }
    }

    /** The TPM name: nameAlg (SHA-256 only) || SHA-256(TPMT_PUBLIC). */
    public byte[] name() {
        if (nameAlg != Tpm2.TPM_ALG_SHA256) {
            throw new IllegalStateException(String.format("name algorithm 0x%04x is not SHA-256", nameAlg));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            byte[] name = new byte[2 + digest.length];
            name[0] = (byte) (nameAlg >>> 8);
            name[1] = (byte) nameAlg;
            System.arraycopy(digest, 0, name, 2, digest.length);
            return name;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TpmtPublic t && java.util.Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return String.format("TPMT_PUBLIC[RSA-%d, nameAlg 0x%04x, attributes 0x%08x]", keyBits, nameAlg, objectAttributes);
    }
}
