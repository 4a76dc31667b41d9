package org.trustpool.vdsbroker.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.trustpool.common.businessentities.TrustLevel;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * PollHosts over real TLS on loopback (SecureConnectionWithOATServers=true): the service's certificate
 * must come from the configured truststore and name the server it is reached at. Any other service is
 * "unavailable", never a source of verdicts: a forged service could otherwise declare every host trusted.
 * The keys and certificates are made with the JDK's keytool for each run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttestationClientTlsTest {
    private static final String PASSWORD = "changeit";
    private static final String ANSWER = "{\"hosts\":[{\"host_name\":\"h1\",\"trust_lvl\":\"trusted\",\"vtime\":\"2026-11-28T10:00:00Z\"}]}";

    @TempDir
    static Path dir;
    private final List<HttpsServer> servers = new ArrayList<>();
    /** The service's own key, for CN=localhost with the loopback address as a subject alternative name. */
    private Path service;
    /** A key for another name (other.example), whose certificate the truststore also holds. */
    private Path otherName;
    /** A truststore with the service's and other.example's certificates. */
    private Path truststore;
    /** A truststore with only an unrelated certificate. */
    private Path strangerTruststore;
    /** The service's answer-signing key (answers are checked whatever the transport). */
    private PollHostsSigner signer;

    @BeforeAll
    void makeKeys() throws Exception {
        service = keyPair("service", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        otherName = keyPair("other", "CN=other.example", "SAN=dns:other.example");
        Path stranger = keyPair("stranger", "CN=localhost", "SAN=ip:127.0.0.1");
        truststore = dir.resolve("trust.p12");
        trust(truststore, "service", service);
        trust(truststore, "other", otherName);
        strangerTruststore = dir.resolve("stranger-trust.p12");
        trust(strangerTruststore, "stranger", stranger);
        signer = PollHostsSigner.create(dir, "signing");
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
        servers.clear();
    }

    @Test
    void aServiceWithACertificateFromTheTruststoreIsBelieved() throws Exception {
        int port = serve(service);
        List<PollResult> results = new AttestationClient(settings(port, truststore)).pollHosts(List.of("h1"));
        assertEquals(TrustLevel.TRUSTED, results.get(0).level());
    }

    @Test
    void aServiceWhoseCertificateTheTruststoreDoesNotHoldIsUnavailableNotTrusted() throws Exception {
        int port = serve(service);
        AttestationClient client = new AttestationClient(settings(port, strangerTruststore));
        AttestationUnavailableException e = assertThrows(AttestationUnavailableException.class, () -> client.pollHosts(List.of("h1")));
        assertTrue(e.getMessage().contains("PKIX"), e.getMessage()); // the chain did not validate against the truststore
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRefused() throws Exception {
        int port = serve(otherName); // in the truststore, but issued to other.example, not to 127.0.0.1
        AttestationClient client = new AttestationClient(settings(port, truststore));
        AttestationUnavailableException e = assertThrows(AttestationUnavailableException.class, () -> client.pollHosts(List.of("h1")));
        assertTrue(e.getMessage().contains("subject alternative"), e.getMessage());
    }

    @Test
    void withoutATruststoreOnlyTheJdksAuthoritiesCountSoASelfSignedServiceIsRefused() throws Exception {
        int port = serve(service);
        AttestationClient client = new AttestationClient(settings(port, null));
        assertThrows(AttestationUnavailableException.class, () -> client.pollHosts(List.of("h1")));
    }

    @Test
    void aWrongTruststorePasswordIsRefusedAtOnce() {
        assertThrows(AttestationUnavailableException.class, () -> new AttestationClient(new AttestationSettings("127.0.0.1", 1,
                "AttestationService/resources/PollHosts", true, truststore.toString(), "wrong", Duration.ofSeconds(2), Duration.ofSeconds(5),
                null, signer.certificate().toString())));
    }

    private AttestationSettings settings(int port, Path truststore) {
        return new AttestationSettings("127.0.0.1", port, "AttestationService/resources/PollHosts", true,
                truststore == null ? null : truststore.toString(), truststore == null ? null : PASSWORD,
                Duration.ofSeconds(2), Duration.ofSeconds(5), null, signer.certificate().toString());
    }

    /** An HTTPS PollHosts service on loopback presenting the key in this keystore; returns its port. */
    private int serve(Path keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/AttestationService/resources/PollHosts", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] bytes = signer.sign(ANSWER, request).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private Path keyPair(String alias, String dname, String san) throws Exception {
        Path keystore = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-ext", san,
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        return keystore;
    }

    private void trust(Path truststore, String alias, Path keystore) throws Exception {
        Path cert = dir.resolve(alias + ".crt");
        keytool("-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-keystore", truststore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
