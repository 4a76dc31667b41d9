package org.trustpool.attestation.verify;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An attestation key's public part: PEM (SubjectPublicKeyInfo) in and out, and its fingerprint. */
public final class Aik {

    public static final int MIN_BITS = 2048;
    public static final int MAX_BITS = 4096;
    private static final int MAX_PEM_CHARS = 4096;
    private static final Pattern PEM = Pattern.compile(
            "\\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----\\s*");

    private Aik() {
    }

    /**
     * An RSA key of 2048 to 4096 bits, the kind a TPM makes for RSASSA quotes; anything else is
     * refused with a reason fit for the registering agent.
     */
    public static RSAPublicKey parsePem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("aik_public_pem is missing");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new IllegalArgumentException("aik_public_pem is longer than " + MAX_PEM_CHARS + " characters");
        }
        Matcher m = PEM.matcher(pem);
        if (!m.matches()) {
            throw new IllegalArgumentException("aik_public_pem is not a PEM block '-----BEGIN PUBLIC KEY-----'");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("aik_public_pem is not valid base64");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("aik_public_pem is not an RSA public key (SubjectPublicKeyInfo)");
        }
        RSAPublicKey rsa = (RSAPublicKey) key;
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("the AIK has " + bits + " bits; " + MIN_BITS + " to " + MAX_BITS
                    + " are accepted");
        }
        return rsa;
    }

    /** The canonical PEM of the key, so the same key in other line breaks is the same text. */
    public static String toPem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** SHA-256 over the DER SubjectPublicKeyInfo, in hex: how two registrations' keys are compared. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
