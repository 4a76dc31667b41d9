package org.trustpool.attestation.sign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Signs what the service asserts, with its own key, so that whoever relays an answer (a proxy, a
 * man in the middle of plain HTTP) cannot change a verdict without the engine noticing.
 *
 * <p>Each PollHosts entry gets {@code signer} (SHA-256 of the service certificate's DER, hex)
 * and then {@code signature}: base64 of the signature over {@link CanonicalJson} of the entry
 * with every field but {@code signature} (so fields other code adds to an entry are covered as
 * long as they are added before signing). ECDSA keys sign SHA256withECDSA, RSA keys SHA256withRSA.
 *
 * <pre>
 * trustpool.attestation.signingKey    TRUSTPOOL_ATTESTATION_SIGNING_KEY    PKCS#8 PEM private key file (0600)
 * trustpool.attestation.signingCert   TRUSTPOOL_ATTESTATION_SIGNING_CERT   PEM certificate of that key
 * </pre>
 */
public final class AnswerSigner {

    public static final String SIGNATURE = "signature";
    public static final String SIGNER = "signer";

    private final PrivateKey key;
    private final String algorithm;
    private final String signer;

    public AnswerSigner(PrivateKey key, X509Certificate certificate) {
        PublicKey pub = certificate.getPublicKey();
        if (!pub.getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the signing key (" + key.getAlgorithm() + ") is not the certificate's ("
                    + pub.getAlgorithm() + ")");
        }
        this.key = key;
        this.algorithm = algorithmFor(key.getAlgorithm());
        try {
            this.signer = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        // a key that is not the certificate's would sign answers no engine accepts: better to fail now
        byte[] probe = "trustpool signing key check".getBytes(StandardCharsets.UTF_8);
        try {
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(pub);
            verify.update(probe);
            if (!verify.verify(sign(probe))) {
                throw new IllegalArgumentException("the signing key does not belong to the certificate "
                        + certificate.getSubjectX500Principal());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot check the signing key against its certificate: " + e.getMessage(), e);
        }
    }

    /** From the configured files, or null when neither is configured (the caller then refuses to answer). */
    public static AnswerSigner fromFiles(Function<String, String> systemProperties, Map<String, String> env) {
        String keyFile = value(systemProperties, env, "trustpool.attestation.signingKey", "TRUSTPOOL_ATTESTATION_SIGNING_KEY");
        String certFile = value(systemProperties, env, "trustpool.attestation.signingCert", "TRUSTPOOL_ATTESTATION_SIGNING_CERT");
        if (keyFile == null && certFile == null) {
            return null;
        }
        if (keyFile == null || certFile == null) {
            throw new IllegalArgumentException("the signing key and its certificate are configured together"
                    + " (trustpool.attestation.signingKey and trustpool.attestation.signingCert)");
        }
        try {
            return new AnswerSigner(readPrivateKey(Path.of(keyFile)), readCertificate(Path.of(certFile)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the signing key " + keyFile + " or certificate " + certFile + ": "
                    + e.getMessage(), e);
        }
    }

    public static AnswerSigner fromSystem() {
        return fromFiles(System::getProperty, System.getenv());
    }

    /** Adds signer and signature to the entry; every other field must be in place already. */
    public ObjectNode sign(ObjectNode entry) {
        entry.remove(SIGNATURE);
        entry.put(SIGNER, signer);
        entry.put(SIGNATURE, Base64.getEncoder().encodeToString(sign(CanonicalJson.bytes(entry))));
        return entry;
    }

    /** SHA-256 of the certificate, hex: what the engine compares with the certificate it trusts. */
    public String signer() {
        return signer;
    }

    private byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    static String algorithmFor(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("signing keys are EC or RSA, not " + keyAlgorithm);
        };
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        byte[] der = pem(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY");
        try {
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
            for (String algorithm : new String[] {"EC", "RSA"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                } catch (GeneralSecurityException e) {
                    // try the next
                }
            }
            throw new GeneralSecurityException(file + " holds no EC or RSA PKCS#8 private key");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    public static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static byte[] pem(String text, String label) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static String value(Function<String, String> props, Map<String, String> env, String property, String variable) {
        String v = props.apply(property);
        if (v == null || v.isBlank()) {
            v = env.get(variable);
        }
        return v == null || v.isBlank() ? null : v.strip();
    }
}
