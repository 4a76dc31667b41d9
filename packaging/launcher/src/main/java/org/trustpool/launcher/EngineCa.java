package org.trustpool.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The engine CA, as oVirt's engine CA (pki-enroll-*): made on first run in DATA/pki, it issues
 * the engine's client certificate for the host channel and each host agent's certificate, so the
 * engine and the agents accept each other and nobody else. Files (the names the engine and the
 * agent read; see HostAgentTls and AgentChannel):
 * <pre>
 * DATA/pki/ca.pem                      the CA certificate (public)
 * DATA/pki/private/ca.key              its key, 0600 in a 0700 directory
 * DATA/pki/engine-client.p12           the engine's key and certificate; password in engine-client.p12.password (0600)
 * DIR/NAME.p12, NAME.p12.password      a host's key and certificate (server and client: agents migrate to each other)
 * DIR/ca.pem                           beside them, so the agent knows which CA its clients must come from
 * </pre>
 * Keys are EC P-256, signatures ECDSA with SHA-256. Secrets are only ever in 0600 files.
 */
final class EngineCa {
    static final String DIR = "pki";
    static final String CA_CERT = "ca.pem";
    static final String CA_KEY = "private/ca.key";
    static final String ENGINE_CLIENT = "engine-client.p12";
    static final String PASSWORD_SUFFIX = ".password";
    /** Like oVirt's host certificates: about a year (398 days, what browsers still accept), renewed a month ahead. */
    static final Duration LEAF_VALIDITY = Duration.ofDays(398);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final X509Certificate caCert;
    private final PrivateKey caKey;

    private EngineCa(Path dir, X509Certificate caCert, PrivateKey caKey) {
        this.dir = dir;
        this.caCert = caCert;
        this.caKey = caKey;
    }

    /** The CA of this data directory, made (key and self-signed certificate) when there is none yet. */
    static EngineCa loadOrCreate(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(DIR);
        Path certFile = dir.resolve(CA_CERT);
        Path keyFile = dir.resolve(CA_KEY);
        try {
            if (Files.isRegularFile(certFile) && Files.isRegularFile(keyFile)) {
                return new EngineCa(dir, readCertificate(certFile), readKey(keyFile));
            }
            if (Files.exists(certFile) || Files.exists(keyFile)) {
                throw new LaunchException("the engine CA in " + dir + " is incomplete (" + CA_CERT + " or " + CA_KEY
                        + " is missing); restore it from a backup, or remove " + dir + " to make a new CA (every host then needs a new certificate)");
            }
            Files.createDirectories(dir);
            Files.createDirectories(keyFile.getParent());
            Files.setPosixFilePermissions(keyFile.getParent(), PosixFilePermissions.fromString("rwx------"));
            KeyPair key = newKey();
            X500Name subject = name("Trustpool Engine CA " + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE));
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(CA_VALIDITY)), subject, key.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
            X509Certificate cert = sign(b, key.getPrivate());
            // PKCS#8 ("PRIVATE KEY"), unencrypted: its protection is the 0600 file in a 0700 directory, as oVirt's CA key
            writeSecret(keyFile, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key.getPrivate(), null)));
            writePublic(certFile, pem(cert));
            return new EngineCa(dir, cert, key.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make or read the engine CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    Path directory() {
        return dir;
    }

    X509Certificate certificate() {
        return caCert;
    }

    /** The engine's client certificate (CN=engine), issued when missing, from another CA, or near its end. */
    boolean ensureEngineClient() throws IOException {
        return ensure(dir, ENGINE_CLIENT, "engine", List.of(), false);
    }

    /**
     * A host agent's certificate for these addresses (IP literals or DNS names, as the engine dials them),
     * in outDir as NAME.p12 with its password file, and the CA certificate beside it. Kept when still
     * valid, from this CA and for the same addresses.
     *
     * @return true when a certificate was issued
     */
    boolean ensureHost(Path outDir, String name, List<String> addresses) throws IOException {
        if (!HOST_NAME.matcher(name).matches()) {
            throw new LaunchException("a host name for a certificate uses letters, digits, '.', '_' and '-' (up to 64), not '" + name + "'");
        }
        if (addresses.isEmpty()) {
            throw new LaunchException("a host certificate needs the address the engine reaches the host at");
        }
        Files.createDirectories(outDir);
        writePublic(outDir.resolve(CA_CERT), pem(caCert));
        return ensure(outDir, name + ".p12", name, addresses, true);
    }

    /** Always issues a new one (the admin asked for it). */
    void issueHost(Path outDir, String name, List<String> addresses) throws IOException {
        Files.deleteIfExists(outDir.resolve(name + ".p12"));
        ensureHost(outDir, name, addresses);
    }

    private boolean ensure(Path outDir, String file, String commonName, List<String> addresses, boolean server) throws IOException {
        Path store = outDir.resolve(file);
        Path passwordFile = outDir.resolve(file + PASSWORD_SUFFIX);
        try {
            if (Files.isRegularFile(store) && Files.isRegularFile(passwordFile)
                    && current(store, passwordFile, addresses)) {
                return false;
            }
            KeyPair key = newKey();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(LEAF_VALIDITY)), name(commonName), key.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false, server
                    ? new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
                    : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
            if (!addresses.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, alternativeNames(addresses));
            }
            X509Certificate cert = sign(b, caKey);
            char[] password = newPassword();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(commonName, key.getPrivate(), password, new X509Certificate[] {cert, caCert});
            Path tmp = Files.createTempFile(outDir, file, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            writeSecret(passwordFile, new String(password) + "\n");
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot issue the certificate " + store + ": " + e.getMessage(), e);
        }
    }

    /** Still usable: opens with its password, chains to this CA, is not near its end, and names these addresses. */
    private boolean current(Path store, Path passwordFile, List<String> addresses) {
        try {
            char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            String alias = ks.aliases().nextElement();
            X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
            cert.verify(caCert.getPublicKey());
            if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
                return false;
            }
            byte[] wanted = addresses.isEmpty() ? null : alternativeNames(addresses).getEncoded();
            byte[] san = cert.getExtensionValue(Extension.subjectAlternativeName.getId());
            if (wanted == null) {
                return san == null;
            }
            return san != null && java.util.Arrays.equals(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(san).getOctets(), wanted);
        } catch (Exception e) {
            return false; // unreadable or foreign: issue a new one
        }
    }

    private static GeneralNames alternativeNames(List<String> addresses) throws IOException {
        List<GeneralName> names = new ArrayList<>();
        for (String a : addresses) {
            String address = a.strip();
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            if (address.matches("[0-9.]+") || address.contains(":")) {
                // an IP literal: parsed without a name lookup
                names.add(new GeneralName(GeneralName.iPAddress, InetAddress.getByName(address).getHostAddress()));
            } else if (address.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                names.add(new GeneralName(GeneralName.dNSName, address));
            } else {
                throw new LaunchException("'" + a + "' is neither an IP address nor a DNS name");
            }
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Trustpool").addRDN(BCStyle.CN, commonName).build();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256, RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static char[] newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(object);
        }
        return text.toString();
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (PEMParser p = new PEMParser(new StringReader(Files.readString(file)))) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IOException(file + " holds no certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(Files.readString(file)))) {
            Object o = p.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(file + " holds no private key");
        }
    }

    private static void writeSecret(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writePublic(Path file, String text) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
            return;
        }
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
