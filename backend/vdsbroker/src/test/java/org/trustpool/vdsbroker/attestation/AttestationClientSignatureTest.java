package org.trustpool.vdsbroker.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustpool.common.businessentities.TrustLevel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The engine believes only answers signed by the configured service certificate for the request
 * it sent: a loopback PollHosts server whose answer passes through a "man in the middle" that each
 * test sets (strip the signature, flip the level, sign with another key, replay an old answer).
 */
class AttestationClientSignatureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUSTED = "{\"hosts\":[{\"host_name\":\"h1\",\"trust_lvl\":\"trusted\",\"vtime\":\"2026-11-28T10:00:00Z\","
            + "\"challenge\":\"" + "ab".repeat(32) + "\"}]}";
    private static final String UNTRUSTED = TRUSTED.replace("\"trusted\"", "\"untrusted\"");

    private static PollHostsSigner service;
    private static PollHostsSigner stranger;
    /** A service whose key was made before the launcher made RSA keys: P-256, still believed. */
    private static PollHostsSigner ecService;
    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>(TRUSTED);
    /** (signed answer, request) -> what reaches the engine */
    private final AtomicReference<BiFunction<String, String, String>> middle = new AtomicReference<>((a, r) -> a);
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private AttestationClient client;

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        service = PollHostsSigner.create(dir, "service");
        stranger = PollHostsSigner.create(dir, "stranger", "EC");
        ecService = PollHostsSigner.create(dir, "ec-service", "EC");
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/AttestationService/resources/PollHosts", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] bytes = middle.get().apply(service.sign(answer.get(), request), request).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        client = new AttestationClient(settings(service.certificate().toString()));
    }

    private AttestationSettings settings(String certificate) {
        return new AttestationSettings("127.0.0.1", server.getAddress().getPort(), "AttestationService/resources/PollHosts", false,
                null, null, Duration.ofSeconds(2), Duration.ofSeconds(5), "engine-token-0123456789", certificate);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PollResult poll() throws Exception {
        List<PollResult> results = client.pollHosts(List.of("h1"));
        assertEquals(1, results.size());
        return results.get(0);
    }

    private static String edit(String answer, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(answer);
            change.accept((ObjectNode) doc.path("hosts").get(0));
            return JSON.writeValueAsString(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedAnswerForThisRequestCounts() throws Exception {
        PollResult r = poll();
        assertEquals(TrustLevel.TRUSTED, r.level(), r.reason());
        answer.set(UNTRUSTED);
        assertEquals(TrustLevel.UNTRUSTED, poll().level());
    }

    @Test
    void aServiceWithAnEcKeyIsBelievedToo() throws Exception {
        middle.set((signed, request) -> ecService.sign(answer.get(), request));
        PollResult withoutItsCertificate = poll();
        assertEquals(TrustLevel.UNKNOWN, withoutItsCertificate.level(), "signed by a key the engine was not told of");
        client = new AttestationClient(settings(ecService.certificate().toString()));
        PollResult r = poll();
        assertEquals(TrustLevel.TRUSTED, r.level(), r.reason());
        middle.set((signed, request) -> edit(ecService.sign(answer.get(), request), e -> e.put("vtime", "2030-01-01T00:00:00Z")));
        assertEquals(TrustLevel.UNKNOWN, poll().level(), "an EC signature is checked as strictly");
    }

    @Test
    void onlyASignedEntryNamingItsChallengeSaysTheHostWasMeasuredForThisRequest() throws Exception {
        assertTrue(poll().challengedForRequest(), "our service names the challenge it sent for this request");
        answer.set(TRUSTED.replace(",\"challenge\":\"" + "ab".repeat(32) + "\"", ""));
        PollResult kept = poll();
        assertEquals(TrustLevel.TRUSTED, kept.level(), kept.reason());
        assertFalse(kept.challengedForRequest(), "a verdict without its challenge may be one the service kept");
        // added by a man in the middle after signing: the entry no longer verifies, and says nothing
        middle.set((a, r) -> edit(a, e -> e.put("challenge", "cd".repeat(32))));
        PollResult forged = poll();
        assertEquals(TrustLevel.UNKNOWN, forged.level());
        assertFalse(forged.challengedForRequest());
    }

    @Test
    void anUnsignedAnswerIsUnknown() throws Exception {
        middle.set((a, r) -> edit(a, e -> e.remove("signature")));
        PollResult r = poll();
        assertEquals(TrustLevel.UNKNOWN, r.level());
        assertTrue(r.reason().contains("not signed"), r.reason());
    }

    @Test
    void aLevelAlteredInTransitIsUnknownNeverTrusted() throws Exception {
        answer.set(UNTRUSTED);
        middle.set((a, r) -> a.replace("\"untrusted\"", "\"trusted\""));
        PollResult r = poll();
        assertEquals(TrustLevel.UNKNOWN, r.level());
        assertTrue(r.reason().contains("does not verify"), r.reason());
        // any other field too: the time, or a field the service added
        answer.set(TRUSTED);
        middle.set((a, r2) -> edit(a, e -> e.put("vtime", "2026-11-28T10:05:00Z")));
        assertEquals(TrustLevel.UNKNOWN, poll().level());
        middle.set((a, r2) -> edit(a, e -> e.put("agent_url", "http://10.0.0.66:54321/jsonrpc")));
        assertEquals(TrustLevel.UNKNOWN, poll().level());
    }

    @Test
    void anAnswerSignedByAnotherKeyIsUnknown() throws Exception {
        middle.set((a, r) -> stranger.sign(edit(a, e -> e.remove("signature")), r));
        PollResult r = poll();
        assertEquals(TrustLevel.UNKNOWN, r.level());
        assertTrue(r.reason().contains("another key"), r.reason());
        // naming the right signer next to the stranger's signature does not help
        middle.set((a, req) -> edit(stranger.sign(a, req), e -> e.put("signer", service.fingerprint())));
        PollResult named = poll();
        assertEquals(TrustLevel.UNKNOWN, named.level());
        assertTrue(named.reason().contains("does not verify"), named.reason());
    }

    @Test
    void aReplayedAnswerOrOneForAnotherNonceIsUnknown() throws Exception {
        AtomicReference<String> recorded = new AtomicReference<>();
        middle.set((a, r) -> {
            recorded.set(a);
            return a;
        });
        assertEquals(TrustLevel.TRUSTED, poll().level());
        // later the host is tampered with; the man in the middle replays the trusted answer he recorded
        answer.set(UNTRUSTED);
        middle.set((a, r) -> recorded.get());
        PollResult replayed = poll();
        assertEquals(TrustLevel.UNKNOWN, replayed.level());
        assertTrue(replayed.reason().contains("another request"), replayed.reason());
        // signed by the service, but for a nonce that is not ours
        answer.set(TRUSTED);
        middle.set((a, r) -> service.sign(edit(a, e -> e.put("request_nonce", "cd".repeat(32))), r));
        assertEquals(TrustLevel.UNKNOWN, poll().level());
        // and with no request nonce at all
        middle.set((a, r) -> service.sign(edit(a, e -> e.remove("request_nonce")), "{}"));
        assertEquals(TrustLevel.UNKNOWN, poll().level());
    }

    @Test
    void oneBadEntryDoesNotSpoilTheOthersAndAnInjectedDuplicateCannotWin() throws Exception {
        answer.set("{\"hosts\":[{\"host_name\":\"h1\",\"trust_lvl\":\"untrusted\",\"vtime\":\"2026-11-28T10:00:00Z\"},"
                + "{\"host_name\":\"h2\",\"trust_lvl\":\"trusted\",\"vtime\":\"2026-11-28T10:00:00Z\"}]}");
        // a forged unsigned "trusted" for h1 put in front of the service's signed "untrusted"
        middle.set((a, r) -> a.replace("{\"hosts\":[", "{\"hosts\":[{\"host_name\":\"h1\",\"trust_lvl\":\"trusted\","
                + "\"vtime\":\"2026-11-28T10:00:00Z\"},"));
        List<PollResult> results = client.pollHosts(List.of("h1", "h2"));
        assertEquals(TrustLevel.UNKNOWN, results.get(0).level(), results.get(0).reason());
        assertEquals(TrustLevel.TRUSTED, results.get(1).level(), results.get(1).reason());
    }

    @Test
    void withoutACertificateNothingIsAskedAndARefusedTokenIsSaid() throws Exception {
        AttestationUnavailableException none = assertThrows(AttestationUnavailableException.class,
                () -> new AttestationClient(settings("")));
        assertTrue(none.getMessage().contains("AttestationServiceCertificate"), none.getMessage());
        assertThrows(AttestationUnavailableException.class, () -> new AttestationClient(settings("/nonexistent/cert.pem")));
        status.set(401);
        AttestationUnavailableException refused = assertThrows(AttestationUnavailableException.class, () -> client.pollHosts(List.of("h1")));
        assertTrue(refused.getMessage().contains("AttestationPollToken"), refused.getMessage());
    }
}
