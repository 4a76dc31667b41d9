package org.trustpool.vdsbroker.attestation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks that a PollHosts entry was signed by the attestation service we are configured to
 * believe (AttestationServiceCertificate), for this very request. Whoever sits between the engine
 * and the service (a proxy, anyone on the path of plain HTTP) can drop or delay answers, but not
 * change a level, a time or a host's name, nor replay an answer that was true earlier: each of
 * those makes the entry fail here, and a failed entry is UNKNOWN, never TRUSTED.
 */
public final class ServiceSignature {

    static final String SIGNATURE = "signature";
    static final String SIGNER = "signer";
    static final String REQUEST_NONCE = "request_nonce";

    private final PublicKey key;
    private final String fingerprint;
    private final String algorithm;

    ServiceSignature(X509Certificate certificate) {
        this.key = certificate.getPublicKey();
        try {
            this.fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("the service certificate's key is " + key.getAlgorithm()
                    + "; EC or RSA are supported");
        };
    }

    /** The certificate in this PEM (or DER) file. */
    public static ServiceSignature load(String file) throws AttestationUnavailableException {
        if (file == null || file.isBlank()) {
            throw new AttestationUnavailableException("no attestation service certificate is configured"
                    + " (AttestationServiceCertificate): its answers cannot be checked, so none would count", null);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return new ServiceSignature((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new AttestationUnavailableException("cannot load the attestation service certificate " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** SHA-256 of the certificate, hex, as the service names its signer. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * @param requestNonce the nonce (hex) we sent with this PollHosts
     * @return null when the entry is the service's, signed for this request; else why it is not
     */
    String problem(JsonNode entry, String requestNonce) {
        JsonNode signature = entry.get(SIGNATURE);
        if (signature == null || !signature.isTextual() || signature.asText().isEmpty()) {
            return "the attestation service's answer is not signed";
        }
        // The signer is named inside the signed content, so a forger cannot just copy the right
        // name next to its own signature: this only gives the better reason first.
        String signer = entry.path(SIGNER).asText("");
        if (!signer.equalsIgnoreCase(fingerprint)) {
            return "the answer is signed by another key (certificate SHA-256 " + abbreviate(signer)
                    + "), not by the configured attestation service certificate (" + abbreviate(fingerprint) + ")";
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature.asText());
        } catch (IllegalArgumentException e) {
            return "the answer's signature is not base64";
        }
        ObjectNode signed = ((ObjectNode) entry).deepCopy();
        signed.remove(SIGNATURE);
        boolean valid;
        try {
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(key);
            v.update(CanonicalJson.bytes(signed));
            valid = v.verify(sig);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            return "the answer's signature does not verify with the attestation service certificate"
                    + " (altered in transit, or not made by the service)";
        }
        // The signature proves the service said it, not that it said it now, to us. The nonce we
        // made for this request, echoed inside the signed entry, does: a signed "trusted" recorded
        // earlier (say, before the host was tampered with) carries another nonce and counts for nothing.
        if (!requestNonce.equalsIgnoreCase(entry.path(REQUEST_NONCE).asText(""))) {
            return "the signed answer was made for another request (request_nonce does not match ours): a replayed answer";
        }
        return null;
    }

    private static String abbreviate(String hex) {
        return hex.isEmpty() ? "none" : hex.length() > 16 ? hex.substring(0, 16) + "..." : hex;
    }
}
