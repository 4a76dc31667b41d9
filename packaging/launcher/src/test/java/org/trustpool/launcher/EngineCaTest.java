package org.trustpool.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine CA: made once per data directory, its key kept private, certificates issued for the names asked. */
class EngineCaTest {
    @TempDir
    Path data;

    private static X509Certificate leaf(Path store) throws Exception {
        char[] password = Files.readString(Path.of(store + ".password")).strip().toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
        }
        return (X509Certificate) ks.getCertificate(ks.aliases().nextElement());
    }

    @Test
    void theCaIsMadeOnceAndItsKeyIsReadableByItsOwnerOnly() throws Exception {
        EngineCa first = EngineCa.loadOrCreate(data);
        EngineCa again = EngineCa.loadOrCreate(data);
        assertEquals(first.certificate(), again.certificate());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pki/private/ca.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pki/private"))));
        assertTrue(first.certificate().getBasicConstraints() >= 0, "a CA certificate");
    }

    @Test
    void theEnginesClientCertificateChainsToTheCaAndIsKeptWhileValid() throws Exception {
        EngineCa ca = EngineCa.loadOrCreate(data);
        assertTrue(ca.ensureEngineClient());
        assertFalse(ca.ensureEngineClient(), "kept");
        X509Certificate engine = leaf(data.resolve("pki/engine-client.p12"));
        engine.verify(ca.certificate().getPublicKey());
        assertTrue(engine.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pki/engine-client.p12.password"))));
    }

    @Test
    void aHostCertificateNamesTheHostsAddressesAndIsReissuedWhenTheyChange() throws Exception {
        EngineCa ca = EngineCa.loadOrCreate(data);
        Path out = data.resolve("host-tls");
        assertTrue(ca.ensureHost(out, "host-01", List.of("127.0.0.1", "host-01.example")));
        X509Certificate cert = leaf(out.resolve("host-01.p12"));
        cert.verify(ca.certificate().getPublicKey());
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(7, "127.0.0.1")) && names.contains(List.of(2, "host-01.example")), names.toString());
        assertTrue(cert.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")));
        assertEquals(Files.readString(data.resolve("pki/ca.pem")), Files.readString(out.resolve("ca.pem")));
        assertFalse(ca.ensureHost(out, "host-01", List.of("127.0.0.1", "host-01.example")));
        assertTrue(ca.ensureHost(out, "host-01", List.of("10.0.0.5")));
        assertThrows(LaunchException.class, () -> ca.ensureHost(out, "../evil", List.of("127.0.0.1")));
    }

    @Test
    void issueHostCertCommandWritesWhatAnAgentNeeds() throws Exception {
        Path out = data.resolve("for-real-host");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = Launcher.execute(new String[] {"issue-host-cert", "--data-dir", data.toString(), "--name", "hv1",
                "--address", "192.0.2.7,hv1.example", "--out", out.toString()}, java.util.Map.of(), new PrintStream(stdout), System.err);
        assertEquals(Launcher.OK, code, stdout.toString());
        assertTrue(Files.isRegularFile(out.resolve("hv1.p12")) && Files.isRegularFile(out.resolve("ca.pem")));
        leaf(out.resolve("hv1.p12")).verify(EngineCa.loadOrCreate(data).certificate().getPublicKey());
        assertEquals(Launcher.USAGE, Launcher.execute(new String[] {"issue-host-cert", "--name", "x"}, java.util.Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
    }
}
