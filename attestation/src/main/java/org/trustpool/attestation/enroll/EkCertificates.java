package org.trustpool.attestation.enroll;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.trustpool.attestation.verify.Aik;
import org.trustpool.attestation.verify.CheckResult;

/**
 * EK certificates: read them (PEM or DER) and decide whether one vouches for the EK presented.
 * A TPM vendor's CA signing an EK certificate is the vendor saying "this key's private half was
 * made inside a genuine TPM and cannot leave it"; without that, anyone could present a key pair
 * of their own making as a TPM. Only the JDK's PKIX code is used (CertPathBuilder), with the
 * administrator's trusted EK CAs as anchors.
 */
public final class EkCertificates {

    /** A chain longer than this is not a TPM vendor's (root, one or two intermediates). */
    public static final int MAX_CHAIN = 4;
    static final int MAX_PEM_CHARS = 64 * 1024;

    private EkCertificates() {
    }

    /** One or more certificates, PEM (any number of blocks) or a single DER; refused with a reason. */
    public static List<X509Certificate> parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no certificate given");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new IllegalArgumentException("certificate text longer than " + MAX_PEM_CHARS + " characters");
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("not a PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return parse(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public static List<X509Certificate> parse(byte[] pemOrDer) {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pemOrDer));
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate c : certs) {
                result.add((X509Certificate) c);
            }
            if (result.isEmpty()) {
                throw new IllegalArgumentException("no certificate found");
            }
            if (result.size() > MAX_CHAIN) {
                throw new IllegalArgumentException(result.size() + " certificates; at most " + MAX_CHAIN + " are accepted");
            }
            return result;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage());
        }
    }

    /** SHA-256 over the DER certificate, hex: how a trusted CA is named in the admin API. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param ekCert       the EK certificate the host sent
     * @param intermediates other certificates it sent (vendor intermediates), may be empty
     * @param ekPresented  the EK whose public area the host sent, the one we will encrypt to
     * @param trusted      the administrator's trusted EK CAs (roots or intermediates: each is an anchor)
     */
    public static CheckResult check(X509Certificate ekCert, List<X509Certificate> intermediates, PublicKey ekPresented,
                                    Collection<X509Certificate> trusted, Instant now) {
        // The certificate must be about the key we will encrypt the credential to: a good certificate
        // of another TPM's EK proves nothing about this one.
        if (!Arrays.equals(ekCert.getPublicKey().getEncoded(), ekPresented.getEncoded())) {
            return CheckResult.failed("ek-certificate", "the EK certificate is for another key (sha256 "
                    + Aik.fingerprint(ekCert.getPublicKey()) + ") than the EK presented (sha256 " + Aik.fingerprint(ekPresented) + ")");
        }
        try {
            ekCert.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            return CheckResult.failed("ek-certificate", "the EK certificate expired on " + ekCert.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return CheckResult.failed("ek-certificate", "the EK certificate is not valid before " + ekCert.getNotBefore().toInstant());
        }
        if (trusted.isEmpty()) {
            return CheckResult.failed("ek-certificate", "no EK CA is trusted yet: an administrator must add the TPM vendor's CA"
                    + " certificate (POST /resources/ekcas)");
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : trusted) {
                anchors.add(new TrustAnchor(ca, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(ekCert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            List<Certificate> pool = new ArrayList<>(intermediates);
            pool.add(ekCert);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            // TPM vendors publish no CRLs/OCSP for EK certificates we could rely on; an
            // administrator withdraws trust by removing the CA.
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            params.setMaxPathLength(MAX_CHAIN);
            CertPathBuilder.getInstance("PKIX").build(params);
            return CheckResult.ok();
        } catch (CertPathBuilderException e) {
            return CheckResult.failed("ek-certificate", "the EK certificate (issuer " + ekCert.getIssuerX500Principal().getName()
                    + ") does not chain to a trusted EK CA: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return CheckResult.failed("ek-certificate", "the EK certificate cannot be checked: " + e.getMessage());
        }
    }
}
