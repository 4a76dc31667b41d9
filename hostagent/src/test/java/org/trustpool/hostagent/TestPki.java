package org.trustpool.hostagent;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA made for one test run, and certificates it issues (keys never leave memory). */
final class TestPki {
    static final char[] PASSWORD = "test".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    final KeyPair caKey;
    final X509Certificate caCert;

    TestPki(String name) throws Exception {
        caKey = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plus(Duration.ofDays(1))), subject, caKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        caCert = sign(b, caKey);
    }

    /** A key store holding a key and its certificate (CN=name, subject alternative names the given addresses). */
    KeyStore issue(String name, String... ipAddresses) throws Exception {
        KeyPair key = keyPair();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plus(Duration.ofDays(1))), new X500Name("CN=" + name), key.getPublic());
        GeneralName[] names = new GeneralName[ipAddresses.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = new GeneralName(GeneralName.iPAddress, InetAddress.getByName(ipAddresses[i]).getHostAddress());
        }
        if (names.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        X509Certificate cert = sign(b, caKey);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", key.getPrivate(), PASSWORD, new X509Certificate[] {cert, caCert});
        return store;
    }

    /** Writes what an agent's --tls-dir holds for one host: the CA certificate and NAME.p12 with its password file. */
    void writeHost(java.nio.file.Path dir, String name, String... ipAddresses) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("ca.pem"), pem(caCert));
        try (var out = java.nio.file.Files.newOutputStream(dir.resolve(name + ".p12"))) {
            issue(name, ipAddresses).store(out, PASSWORD);
        }
        java.nio.file.Files.writeString(dir.resolve(name + ".p12.password"), new String(PASSWORD) + "\n");
    }

    /** A client context: this key store's key (or none) and this CA as the only trust. */
    static javax.net.ssl.SSLContext context(KeyStore keys, X509Certificate trusted) throws Exception {
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        if (keys != null) {
            kmf.init(keys, PASSWORD);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
        c.init(keys == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return c;
    }

    /** Like context(), but the key is presented to every server, whichever CAs it asks for. */
    static javax.net.ssl.SSLContext insistingContext(KeyStore keys, X509Certificate trusted) throws Exception {
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        javax.net.ssl.X509KeyManager real = (javax.net.ssl.X509KeyManager) kmf.getKeyManagers()[0];
        javax.net.ssl.X509KeyManager insisting = new javax.net.ssl.X509ExtendedKeyManager() {
            @Override public String[] getClientAliases(String t, java.security.Principal[] i) { return real.getClientAliases(t, null); }
            @Override public String chooseClientAlias(String[] t, java.security.Principal[] i, java.net.Socket s) { return real.chooseClientAlias(t, null, s); }
            @Override public String chooseEngineClientAlias(String[] t, java.security.Principal[] i, javax.net.ssl.SSLEngine e) {
                for (String type : t) {
                    String[] aliases = real.getClientAliases(type, null);
                    if (aliases != null && aliases.length > 0) {
                        return aliases[0];
                    }
                }
                return null;
            }
            @Override public String[] getServerAliases(String t, java.security.Principal[] i) { return real.getServerAliases(t, i); }
            @Override public String chooseServerAlias(String t, java.security.Principal[] i, java.net.Socket s) { return real.chooseServerAlias(t, i, s); }
            @Override public X509Certificate[] getCertificateChain(String a) { return real.getCertificateChain(a); }
            @Override public java.security.PrivateKey getPrivateKey(String a) { return real.getPrivateKey(a); }
        };
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
        c.init(new javax.net.ssl.KeyManager[] {insisting}, tmf.getTrustManagers(), null);
        return c;
    }

    static String pem(X509Certificate cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }
}
