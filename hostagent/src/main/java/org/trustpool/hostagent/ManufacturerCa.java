package org.trustpool.hostagent;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulated TPMs' manufacturer: a CA that signs EK certificates, as a TPM vendor's factory
 * (or {@code swtpm_setup --create-ek-cert} with its local CA) does. Its files, in one directory:
 * {@code manufacturer-ca.pem} (the certificate the attestation service is told to trust) and
 * {@code manufacturer-ca.key} (PKCS#8 PEM, owner-only: whoever holds it can make "TPMs").
 * Certificates are made with BouncyCastle's bcpkix; the JDK has no public API for it.
 */
public final class ManufacturerCa {

    public static final String CERT_FILE = "manufacturer-ca.pem";
    public static final String KEY_FILE = "manufacturer-ca.key";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration EK_VALIDITY = Duration.ofDays(3650);

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final SecureRandom random = new SecureRandom();

    private ManufacturerCa(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Loads the CA from {@code dir}, or makes one there if it has none; the key file is 0600 from birth. */
    public static ManufacturerCa loadOrCreate(Path dir, String commonName) throws IOException {
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        if (Files.exists(certFile) || Files.exists(keyFile)) {
            return load(dir);
        }
        Files.createDirectories(dir);
        KeyPair pair = AikStore.generate();
        X509Certificate cert = selfSigned(pair, commonName);
        write(keyFile, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        try {
            write(certFile, Pem.encode("CERTIFICATE", cert.getEncoded()), false);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the manufacturer CA certificate: " + e.getMessage(), e);
        }
        return new ManufacturerCa(cert, pair.getPrivate());
    }

    /** A CA that exists only in memory, trusted by nobody (for a simulator given no manufacturer). */
    static ManufacturerCa throwAway(String commonName) throws IOException {
        KeyPair pair = AikStore.generate();
        return new ManufacturerCa(selfSigned(pair, commonName), pair.getPrivate());
    }

    /** A CA whose certificate and key are in {@code dir}; a key that does not match its certificate is refused. */
    public static ManufacturerCa load(Path dir) throws IOException {
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    Files.newInputStream(certFile));
            byte[] der = Pem.decode("PRIVATE KEY", Files.readString(keyFile, StandardCharsets.US_ASCII));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            ManufacturerCa ca = new ManufacturerCa(cert, key);
            // sign something and check it with the certificate: catches swapped files now, not at enrollment
            java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(new byte[] {1});
            byte[] sig = s.sign();
            s.initVerify(cert.getPublicKey());
            s.update(new byte[] {1});
            if (!s.verify(sig)) {
                throw new IOException(keyFile + " is not the key of " + certFile);
            }
            return ca;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot read the manufacturer CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** An EK certificate for {@code ek}: keyEncipherment only, not a CA, issued by this manufacturer. */
    public X509Certificate issueEkCertificate(PublicKey ek, String tpmLabel) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate,
                    new BigInteger(64, random).setBit(63), Date.from(now.minus(Duration.ofHours(1))),
                    min(now.plus(EK_VALIDITY), certificate.getNotAfter().toInstant()),
                    new X500Name("CN=" + rdnSafe(tpmLabel) + ",O=Trustpool simulated TPM"), ek);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ek));
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue an EK certificate: " + e.getMessage(), e);
        }
    }

    static X509Certificate selfSigned(KeyPair pair, String commonName) throws IOException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + rdnSafe(commonName) + ",O=Trustpool demo TPM manufacturer");
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()).setBit(63),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(pair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the manufacturer CA: " + e.getMessage(), e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withRSA").build(key);
    }

    private static Date min(Instant a, Instant b) {
        return Date.from(a.isBefore(b) ? a : b);
    }

    private static String rdnSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9 ._:-]", "_");
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
