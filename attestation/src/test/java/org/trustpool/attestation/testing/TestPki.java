package org.trustpool.attestation.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** TPM vendors' CAs and EK certificates for tests (BouncyCastle's bcpkix, test scope only). */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private TestPki() {
    }

    /** A CA: self-signed when {@code issuer} is null, else signed by it. */
    public record Ca(KeyPair key, X509Certificate cert) {

        public static Ca root(String cn) {
            KeyPair k = SimulatedTpm.newAik();
            return new Ca(k, make(k.getPublic(), cn, null, k, true, Instant.now().minus(Duration.ofDays(1)),
                    Instant.now().plus(Duration.ofDays(3650))));
        }

        public Ca intermediate(String cn) {
            KeyPair k = SimulatedTpm.newAik();
            return new Ca(k, make(k.getPublic(), cn, cert, key, true, Instant.now().minus(Duration.ofDays(1)),
                    Instant.now().plus(Duration.ofDays(3650))));
        }

        public X509Certificate ekCert(PublicKey ek) {
            return ekCert(ek, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)));
        }

        public X509Certificate ekCert(PublicKey ek, Instant notBefore, Instant notAfter) {
            return make(ek, "TPM EK", cert, key, false, notBefore, notAfter);
        }
    }

    static X509Certificate make(PublicKey subjectKey, String cn, X509Certificate issuer, KeyPair issuerKey, boolean ca,
                                Instant notBefore, Instant notAfter) {
        try {
            X500Name subject = new X500Name("CN=" + cn);
            X509v3CertificateBuilder b = issuer == null
                    ? new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore),
                            Date.from(notAfter), subject, subjectKey)
                    : new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore),
                            Date.from(notAfter), subject, subjectKey);
            b.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(2) : new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign : KeyUsage.keyEncipherment));
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate... certs) {
        StringBuilder sb = new StringBuilder();
        try {
            for (X509Certificate c : certs) {
                sb.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }
}
