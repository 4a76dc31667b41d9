package org.trustpool.launcher;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The attestation service's answer-signing key (RSA-2048) and its self-signed certificate, made in
 * the data directory at the first start (both 0600) and kept: the service signs every PollHosts
 * entry with the key, and the engine believes only entries that verify with the certificate.
 * RSA rather than P-256, for the engine's sake: it checks one signature per host per refresh, on
 * the path between the service's answer and the verdicts, and JDK 17 verifies RSA-2048 about 13
 * times faster than P-256 (0.08 ms against 1.0 ms here; for 1,000 hosts, 80 ms against a second of
 * CPU). The service signs each entry while it waits for the slowest host of the request, so the
 * dearer signing (1.3 ms against 0.5 ms) is off that path. A data directory made with a P-256 key
 * keeps it: the engine believes either.
 * The service gets the two file names through its environment; the engine the certificate's
 * through vdc_options (AttestationServiceCertificate).
 */
record ServiceIdentity(Path key, Path certificate, String fingerprint) {

    static final String KEY_FILE = "attestation-signing-key.pem";
    static final String CERT_FILE = "attestation-signing-cert.pem";
    static final String KEY_ENV = "TRUSTPOOL_ATTESTATION_SIGNING_KEY";
    static final String CERT_ENV = "TRUSTPOOL_ATTESTATION_SIGNING_CERT";
    /** Long: replacing it means reconfiguring every engine that trusts it. */
    static final Duration VALIDITY = Duration.ofDays(3650);

    static ServiceIdentity resolve(Path dataDir) throws IOException {
        Path key = dataDir.resolve(KEY_FILE);
        Path cert = dataDir.resolve(CERT_FILE);
        if (!Files.isRegularFile(key) || !Files.isRegularFile(cert)) {
            create(key, cert);
        }
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(cert));
            return new ServiceIdentity(key, cert,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new LaunchException("cannot read the attestation service certificate " + cert + ": " + e.getMessage(), e);
        }
    }

    /** For the WildFly process: the service reads these variables (file names, not the key itself). */
    Map<String, String> environment() {
        return Map.of(KEY_ENV, key.toString(), CERT_ENV, certificate.toString());
    }

    private static void create(Path key, Path cert) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Trustpool attestation service, O=Trustpool");
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, serial),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Certificate c = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            // the key first: a certificate without its key would be kept and useless
            SecretFile.write(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            SecretFile.write(cert, pem("CERTIFICATE", c.getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new LaunchException("cannot create the attestation service's signing key: " + e.getMessage(), e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
