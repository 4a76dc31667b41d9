package org.trustpool.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.trustpool.vdsbroker.attestation.CanonicalJson;

/**
 * An attestation service over real HTTP (OpenAttestation PollHosts, signed as our service signs): every
 * host asked about is "trusted", each entry signed with this stand-in's own key for the request's nonce.
 * Its certificate (made by the JDK's keytool) is what the engine is told to believe. It counts requests,
 * so a test sees when the engine asked and when it answered from its cache.
 */
public final class AttestationStandIn implements AutoCloseable {
    static final String POLL_PATH = "/AttestationService/resources/PollHosts";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final PrivateKey key;
    private final String fingerprint;
    private final Path certificatePem;
    private final AtomicInteger polls = new AtomicInteger();

    private AttestationStandIn(HttpServer server, PrivateKey key, X509Certificate certificate, Path certificatePem) throws Exception {
        this.server = server;
        this.key = key;
        this.fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        this.certificatePem = certificatePem;
    }

    /** @param dir where its key store and certificate (PEM, for AttestationServiceCertificate) are written */
    public static AttestationStandIn start(int port, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path store = dir.resolve("standin-service.p12");
        Files.deleteIfExists(store);
        char[] password = "standin-store".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "service", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=attestation stand-in", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(password))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
        }
        X509Certificate certificate = (X509Certificate) ks.getCertificate("service");
        Path pem = dir.resolve("standin-service.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        AttestationStandIn service = new AttestationStandIn(server, (PrivateKey) ks.getKey("service", password), certificate, pem);
        server.createContext(POLL_PATH, service::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return service;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Path certificatePem() {
        return certificatePem;
    }

    public int polls() {
        return polls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = JSON.readTree(in);
        }
        polls.incrementAndGet();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode hosts = answer.putArray("hosts");
        for (JsonNode name : request.path("hosts")) {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("host_name", name.asText());
            entry.put("trust_lvl", "trusted");
            entry.put("vtime", Instant.now().toString());
            entry.put("signer", fingerprint);
            entry.put("request_nonce", request.path("nonce").asText());
            entry.put("signature", sign(entry));
            hosts.add(entry);
        }
        answer.put("count", hosts.size());
        byte[] body = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String sign(ObjectNode entry) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(CanonicalJson.bytes(entry));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
