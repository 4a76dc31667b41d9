package org.trustpool.vdsbroker.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustpool.common.businessentities.TrustLevel;

import com.sun.net.httpserver.HttpServer;

/** The PollHosts client against a real HTTP server on loopback whose answer each test sets. */
class AttestationClientTest {
    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>("{\"hosts\":[]}");
    private final AtomicReference<String> lastRequest = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private AttestationClient client;
    private static PollHostsSigner signer;

    @BeforeAll
    static void signingKey(@TempDir Path dir) throws Exception {
        signer = PollHostsSigner.create(dir, "attestation-service");
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/AttestationService/resources/PollHosts", exchange -> {
            lastRequest.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = signer.sign(answer.get(), lastRequest.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        client = new AttestationClient(settings(server.getAddress().getPort()));
    }

    private static AttestationSettings settings(int port) {
        return new AttestationSettings("127.0.0.1", port, "AttestationService/resources/PollHosts", false, null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(5), "engine-token-0123456789", signer.certificate().toString());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void oneRequestForAllHostsAndEachLevelKeptApart() throws Exception {
        answer.set("{\"hosts\":[{\"host_name\":\"h1\",\"trust_lvl\":\"trusted\",\"vtime\":\"2026-11-28T10:00:00Z\"},"
                + "{\"host_name\":\"h2\",\"trust_lvl\":\"untrusted\",\"vtime\":\"2026-11-28T10:00:01Z\"},"
                + "{\"host_name\":\"h3\",\"trust_lvl\":\"timeout\"},{\"host_name\":\"h4\",\"trust_lvl\":\"unknown\"}]}");
        List<PollResult> results = client.pollHosts(List.of("h1", "h2", "h3", "h4"));
        assertTrue(lastRequest.get().matches("\\{\"count\":4,\"hosts\":\\[\"h1\",\"h2\",\"h3\",\"h4\"],\"nonce\":\"[0-9a-f]{64}\"}"),
                lastRequest.get());
        assertEquals("Bearer engine-token-0123456789", lastAuthorization.get());
        assertEquals(List.of(TrustLevel.TRUSTED, TrustLevel.UNTRUSTED, TrustLevel.TIMEOUT, TrustLevel.UNKNOWN),
                results.stream().map(PollResult::level).toList());
        assertEquals("2026-11-28T10:00:00Z", results.get(0).verifiedAt().toString());
    }

    /** Our service's addition: which TPM (EK fingerprint) enrolled under the name; only a well-formed one is kept. */
    @Test
    void theEkFingerprintIsReadWhenWellFormed() throws Exception {
        String ek = "0123456789abcdef".repeat(4);
        answer.set("{\"hosts\":[{\"host_name\":\"h1\",\"trust_lvl\":\"unknown\",\"vtime\":\"2026-11-28T10:00:00Z\","
                + "\"reason\":\"waiting for approval: ...\",\"ek_fingerprint\":\"" + ek + "\"},"
                + "{\"host_name\":\"h2\",\"trust_lvl\":\"trusted\",\"vtime\":\"2026-11-28T10:00:00Z\",\"ek_fingerprint\":\"<script>\"},"
                + "{\"host_name\":\"h3\",\"trust_lvl\":\"trusted\",\"vtime\":\"2026-11-28T10:00:00Z\"}]}");
        List<PollResult> results = client.pollHosts(List.of("h1", "h2", "h3"));
        assertEquals(ek, results.get(0).ekFingerprint());
        assertEquals("waiting for approval: ...", results.get(0).reason());
        assertEquals(null, results.get(1).ekFingerprint());
        assertEquals(null, results.get(2).ekFingerprint());
    }

    @Test
    void unknownLevelsMissingHostsAndGarbageBecomeUnknownNeverTrusted() throws Exception {
        answer.set("{\"hosts\":[{\"host_name\":\"h1\",\"trust_lvl\":\"mostly-trusted\",\"vtime\":\"2026-11-28T10:00:00Z\"},"
                + "{\"host_name\":\"intruder\",\"trust_lvl\":\"trusted\",\"vtime\":\"2026-11-28T10:00:00Z\"},"
                + "{\"host_name\":\"h3\",\"trust_lvl\":\"trusted\"}]}");
        List<PollResult> results = client.pollHosts(List.of("h1", "h2", "h3"));
        assertEquals(3, results.size(), "only the hosts asked about");
        assertEquals(TrustLevel.UNKNOWN, results.get(0).level());
        assertTrue(results.get(0).reason().contains("mostly-trusted"));
        assertEquals(TrustLevel.UNKNOWN, results.get(1).level());
        assertEquals(TrustLevel.UNKNOWN, results.get(2).level(), "trusted without vtime is not good enough");
        answer.set("<html>oops</html>");
        assertTrue(client.pollHosts(List.of("h1")).stream().allMatch(r -> r.level() == TrustLevel.UNKNOWN));
        answer.set("{\"hosts\":{}}");
        assertEquals(TrustLevel.UNKNOWN, client.pollHosts(List.of("h1")).get(0).level());
    }

    /**
     * The engine keeps its client between refreshes, and with it an idle connection; a service that closes that
     * connection just as the next request goes out (its idle timeout) must not cost a refresh: the request is
     * sent once more on a new connection. A service that drops every request stays unavailable.
     */
    @Test
    void aKeptConnectionClosedUnderTheRequestIsTriedOnceMoreOnANewOne() throws Exception {
        answer.set("{\"hosts\":[{\"host_name\":\"h1\",\"trust_lvl\":\"trusted\",\"vtime\":\"2026-11-28T10:00:00Z\"}]}");
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            AtomicInteger dropAfter = new AtomicInteger(1); // requests answered on a connection before it is dropped
            Thread front = new Thread(() -> {
                while (!raw.isClosed()) {
                    try (java.net.Socket socket = raw.accept()) {
                        connections.incrementAndGet();
                        java.io.InputStream in = socket.getInputStream();
                        for (int answered = 0; ; answered++) {
                            String request = readRequest(in);
                            if (request == null || answered >= dropAfter.get()) {
                                break; // closed without a word, as a service does at its idle timeout
                            }
                            byte[] bytes = signer.sign(answer.get(), request).getBytes(StandardCharsets.UTF_8);
                            OutputStream out = socket.getOutputStream();
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(bytes);
                            out.flush();
                        }
                    } catch (java.io.IOException e) {
                        // the test closed the socket
                    }
                }
            }, "raw-poll-hosts");
            front.setDaemon(true);
            front.start();
            AttestationClient kept = new AttestationClient(settings(raw.getLocalPort()));
            assertEquals(TrustLevel.TRUSTED, kept.pollHosts(List.of("h1")).get(0).level());
            assertEquals(TrustLevel.TRUSTED, kept.pollHosts(List.of("h1")).get(0).level(),
                    "the kept connection was dropped under the request; the retry on a new one was answered");
            assertEquals(2, connections.get());
            dropAfter.set(0);
            assertThrows(AttestationUnavailableException.class, () -> kept.pollHosts(List.of("h1")));
        }
    }

    /** One HTTP/1.1 request with a Content-Length body, its body returned; null at the end of the stream. */
    private static String readRequest(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    @Test
    void aServiceThatIsDownOrMissingIsUnavailableNotAVerdict() throws Exception {
        server.stop(0);
        assertThrows(AttestationUnavailableException.class, () -> client.pollHosts(List.of("h1")));
        assertThrows(AttestationUnavailableException.class, () -> new AttestationClient(
                new AttestationSettings("", 1, "x", false, null, null, Duration.ofSeconds(1), Duration.ofSeconds(1))));
    }

    @Test
    void httpsWithAMissingTruststoreIsRefused() {
        assertThrows(AttestationUnavailableException.class, () -> new AttestationClient(
                new AttestationSettings("127.0.0.1", 8443, "x", true, "/nonexistent/truststore.p12", "pw", Duration.ofSeconds(1), Duration.ofSeconds(1))));
    }

    @Test
    void urlIsBuiltFromTheOptions() {
        assertEquals("https://att.example.com:8443/AttestationService/resources/PollHosts",
                new AttestationSettings("att.example.com", 8443, "/AttestationService/resources/PollHosts", true, null, null,
                        Duration.ofSeconds(1), Duration.ofSeconds(1)).pollUrl());
    }

}
