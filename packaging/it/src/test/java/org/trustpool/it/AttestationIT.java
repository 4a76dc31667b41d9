package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * The attestation service end to end: the real WAR on the launcher's WildFly and PostgreSQL,
 * real host-agent processes with their software TPMs registering themselves, the whitelist
 * from the agents' own good measurements, and PollHosts as the engine sends it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttestationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REGISTERED_TIMEOUT = Duration.ofSeconds(60);

    private TrustpoolSystem system;
    private URI resources;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path agentJar = SystemUnderTest.DIST.resolve("trustpool-hostagent-all.jar");

    record Reply(int status, JsonNode body) {
        String at(String pointer) {
            return body.at(pointer).asText();
        }
    }

    @BeforeAll
    void startSystem() throws Exception {
        system = SystemUnderTest.start(SystemUnderTest.freshDir("attestation"), SystemUnderTest.PORT);
        resources = URI.create(system.attestationUrl() + "/resources");
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    private Reply send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(resources + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode node = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Reply(r.statusCode(), node);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Reply poll(String body) {
        return send("POST", "/PollHosts", system.attestationEngineToken(), body);
    }

    private static Map<String, String> levels(Reply r) {
        Map<String, String> m = new HashMap<>();
        r.body().path("hosts").forEach(h -> m.put(h.path("host_name").asText(), h.path("trust_lvl").asText()));
        return m;
    }

    private void whitelistTheAgentsGoodMeasurements() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                agentJar.toString(), "--print-good-pcrs").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        JsonNode good = JSON.readTree(printed);
        for (String type : List.of("bios", "vmm")) {
            ObjectNode mle = JSON.createObjectNode();
            mle.put("type", type.toUpperCase());
            mle.set("name", good.path(type).path("name"));
            mle.set("version", good.path(type).path("version"));
            mle.set("pcrs", good.path(type).path("pcrs"));
            assertEquals(401, send("POST", "/mles", system.attestationRegistrationToken(), mle.toString()).status(),
                    "only the admin token changes the whitelist");
            Reply created = send("POST", "/mles", system.attestationAdminToken(), mle.toString());
            assertTrue(created.status() == 201 || created.status() == 200, created.toString());
            assertEquals(200, send("POST", "/mles", system.attestationAdminToken(), mle.toString()).status(),
                    "whitelisting the same again changes nothing");
        }
    }

    private void awaitRegistered(String name) {
        SystemUnderTest.await(name + " registered", REGISTERED_TIMEOUT,
                () -> send("GET", "/hosts/" + name, system.attestationReaderToken(), null).status(),
                s -> s == 200);
    }

    @Test
    void pollOfATrustedATamperedAndAStoppedHostWithTheReasons() throws Exception {
        whitelistTheAgentsGoodMeasurements();
        URI service = system.attestationUrl();
        String token = system.attestationRegistrationToken();
        try (AttestedAgent good = AttestedAgent.start(agentJar, "att-good", service, token, List.of());
             AttestedAgent tampered = AttestedAgent.start(agentJar, "att-bad", service, token,
                     List.of("--tamper", "att-bad01"));
             AttestedAgent stopped = AttestedAgent.start(agentJar, "att-gone", service, token, List.of())) {
            for (AttestedAgent a : List.of(good, tampered, stopped)) {
                awaitRegistered(a.name);
            }
            stopped.kill();

            long start = System.nanoTime();
            Reply r = poll("{\"count\":3,\"hosts\":[\"" + good.name + "\",\"" + tampered.name + "\",\"" + stopped.name + "\"]}");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(200, r.status(), r.toString());
            assertEquals(3, r.body().path("hosts").size(), r.toString());
            Map<String, String> levels = levels(r);
            assertEquals("trusted", levels.get(good.name), r.toString());
            assertEquals("untrusted", levels.get(tampered.name), r.toString());
            assertEquals("timeout", levels.get(stopped.name), r.toString());
            r.body().path("hosts").forEach(h -> assertTrue(h.path("vtime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                    h.toString()));
            assertTrue(millis < 15_000, "PollHosts took " + millis + " ms");
            // where the service reached each machine, so the engine can tell it is the one it manages under that name
            r.body().path("hosts").forEach(h -> {
                String name = h.path("host_name").asText();
                URI expected = (name.equals(good.name) ? good : name.equals(tampered.name) ? tampered : stopped).url;
                assertEquals(expected.getPort(), URI.create(h.path("agent_url").asText()).getPort(), h.toString());
            });

            // the reasons, readable from the service
            Reply bad = send("GET", "/hosts/" + tampered.name, system.attestationReaderToken(), null);
            assertEquals("untrusted", bad.at("/last_verdict/trust_lvl"));
            assertEquals("whitelist", bad.at("/last_verdict/check"));
            assertTrue(bad.at("/last_verdict/reason").matches("PCR 1[7-9] does not match VMM .*expected [0-9a-f]{64}, seen [0-9a-f]{64}.*"),
                    bad.toString());
            Reply gone = send("GET", "/hosts/" + stopped.name, system.attestationReaderToken(), null);
            assertEquals("timeout", gone.at("/last_verdict/trust_lvl"));
            assertTrue(gone.at("/last_verdict/reason").contains("refused"), gone.toString());
            Reply fine = send("GET", "/hosts/" + good.name, system.attestationReaderToken(), null);
            assertEquals("trusted", fine.at("/last_verdict/trust_lvl"));

            // a bare string and a name the service never registered
            Reply single = poll("{\"hosts\":\"" + good.name + "\"}");
            assertEquals("trusted", levels(single).get(good.name), single.toString());
            Reply unregistered = poll("{\"count\":1,\"hosts\":[\"never-registered\"]}");
            assertEquals("unknown", levels(unregistered).get("never-registered"));
            assertTrue(unregistered.body().path("hosts").get(0).path("agent_url").isMissingNode(), "no machine stands for an unknown name");
        }
    }

    @Test
    void aSlowHostTimesOutWhileTheOthersAnswer() throws Exception {
        whitelistTheAgentsGoodMeasurements();
        URI service = system.attestationUrl();
        String token = system.attestationRegistrationToken();
        try (AttestedAgent quick = AttestedAgent.start(agentJar, "att-quick", service, token, List.of());
             AttestedAgent slow = AttestedAgent.start(agentJar, "att-slow", service, token,
                     List.of("--delay-quote-ms", "30000"))) {
            awaitRegistered(quick.name);
            awaitRegistered(slow.name);
            long start = System.nanoTime();
            Reply r = poll("{\"count\":2,\"hosts\":[\"" + slow.name + "\",\"" + quick.name + "\"]}");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("timeout", levels(r).get(slow.name), r.toString());
            assertEquals("trusted", levels(r).get(quick.name), r.toString());
            // bounded by the 5 s deadline (plus a little), not by the slow host's 30 s
            assertTrue(millis < 12_000, "PollHosts took " + millis + " ms");
            assertTrue(send("GET", "/hosts/" + slow.name, system.attestationReaderToken(), null).at("/last_verdict/reason").contains("no answer within"));
        }
    }

    @Test
    void registrationNeedsTheTokenAndAnAikSwapNeedsTheAdmin() throws Exception {
        String key1 = pem();
        String key2 = pem();
        String token = system.attestationRegistrationToken();
        String body1 = registration("att-manual", key1);
        assertEquals(401, send("POST", "/hosts", null, body1).status());
        assertEquals(401, send("POST", "/hosts", "wrong-token-wrong-token", body1).status());
        assertEquals(201, send("POST", "/hosts", token, body1).status());
        assertEquals(200, send("POST", "/hosts", token, body1).status());
        Reply swap = send("POST", "/hosts", token, registration("att-manual", key2));
        assertEquals(409, swap.status());
        assertTrue(swap.at("/error").contains("another AIK"), swap.toString());

        assertEquals(401, send("DELETE", "/hosts/att-manual", token, null).status(), "agents cannot delete hosts");
        assertEquals(204, send("DELETE", "/hosts/att-manual", system.attestationAdminToken(), null).status());
        assertEquals(404, send("GET", "/hosts/att-manual", system.attestationReaderToken(), null).status());
        assertEquals(201, send("POST", "/hosts", token, registration("att-manual", key2)).status(), "re-keyed by the admin");

        Reply malformed = send("POST", "/hosts", token, "{\"host_name\":\"x\"");
        assertEquals(400, malformed.status());
        assertTrue(!malformed.at("/error").isBlank());
    }

    @Test
    void malformedPollHostsIsA400WithAJsonError() {
        List<String> bodies = new ArrayList<>(List.of("", "nonsense", "{\"hosts\":42}", "{\"count\":2,\"hosts\":[\"a\"]}",
                "{\"hosts\":[\"a\",1]}"));
        for (String body : bodies) {
            Reply r = poll(body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertTrue(!r.at("/error").isBlank(), r.toString());
        }
    }

    private static String registration(String name, String pem) {
        ObjectNode o = JSON.createObjectNode();
        o.put("host_name", name);
        o.put("agent_url", "http://127.0.0.1:9/jsonrpc");
        o.put("aik_public_pem", pem);
        o.put("bios_name", "TrustpoolBIOS");
        o.put("bios_version", "1.0");
        o.put("vmm_name", "TrustpoolVMM");
        o.put("vmm_version", "1.0");
        return o.toString();
    }

    private static String pem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PublicKey key = g.generateKeyPair().getPublic();
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
