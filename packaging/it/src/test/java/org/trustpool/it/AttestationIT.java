package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
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
import org.trustpool.hostagent.AikStore;
import org.trustpool.hostagent.CredentialActivation;
import org.trustpool.hostagent.ManufacturerCa;
import org.trustpool.hostagent.Pem;
import org.trustpool.hostagent.SoftwareTpm;
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
    private Path ekCa;
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
        // the TPM manufacturer of this test's agents, trusted by the service (as the launcher does with the demo's)
        ekCa = AttestedAgent.manufacturer(agentJar, system.options().dataDir().resolve("it-ek-ca"));
        ObjectNode ca = JSON.createObjectNode();
        ca.put("certificate_pem", Files.readString(ekCa.resolve(ManufacturerCa.CERT_FILE)));
        assertEquals(401, send("POST", "/ekcas", system.attestationRegistrationToken(), ca.toString()).status(),
                "only the administrator decides which TPM vendors are trusted");
        assertEquals(201, send("POST", "/ekcas", system.attestationAdminToken(), ca.toString()).status());
        assertEquals(200, send("POST", "/ekcas", system.attestationAdminToken(), ca.toString()).status());
        assertEquals(1, send("GET", "/ekcas", system.attestationAdminToken(), null).body().path("ekcas").size());
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
        try (AttestedAgent good = AttestedAgent.start(agentJar, "att-good", service, token, ekCa, List.of());
             AttestedAgent tampered = AttestedAgent.start(agentJar, "att-bad", service, token, ekCa,
                     List.of("--tamper", "att-bad01"));
             AttestedAgent stopped = AttestedAgent.start(agentJar, "att-gone", service, token, ekCa, List.of())) {
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
        try (AttestedAgent quick = AttestedAgent.start(agentJar, "att-quick", service, token, ekCa, List.of());
             AttestedAgent slow = AttestedAgent.start(agentJar, "att-slow", service, token, ekCa,
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

    /** A hostile machine: a genuine (certified) TPM of its own, and whatever it can read about others. */
    private record Hostile(SoftwareTpm tpm, String ekCertPem) {
        static Hostile make(Path ekCa) throws Exception {
            SoftwareTpm tpm = new SoftwareTpm(AikStore.generate(), AikStore.generate());
            String cert = Pem.encode("CERTIFICATE", ManufacturerCa.load(ekCa).issueEkCertificate(tpm.ekPublic(), "hostile").getEncoded());
            return new Hostile(tpm, cert);
        }
    }

    @Test
    void aNewNameWithAnotherHostsAkIsRefusedAndNeverTrusted() throws Exception {
        whitelistTheAgentsGoodMeasurements();
        String token = system.attestationRegistrationToken();
        try (AttestedAgent good = AttestedAgent.start(agentJar, "enr-good", system.attestationUrl(), token, ekCa, List.of())) {
            awaitRegistered(good.name);
            Reply published = send("GET", "/hosts/" + good.name, system.attestationReaderToken(), null);
            assertTrue(published.at("/ek_sha256").matches("[0-9a-f]{64}"), published.toString());
            assertEquals("approved", published.at("/approval"));
            Hostile evil = Hostile.make(ekCa);
            // the issue's attack: a new name with the good host's published AK and address
            Reply stolen = send("POST", "/hosts", token, Enrollments.body("enr-evil", good.url.toString(), evil.tpm().ekPublicArea(),
                    evil.ekCertPem(), Enrollments.akAreaOf(published.at("/aik_public_pem"))));
            assertEquals(409, stolen.status(), stolen.toString());
            assertTrue(stolen.at("/error").contains(good.name), stolen.toString());
            assertEquals(404, send("GET", "/hosts/enr-evil", system.attestationReaderToken(), null).status());
            Reply poll = poll("{\"count\":2,\"hosts\":[\"enr-evil\",\"" + good.name + "\"]}");
            assertEquals("unknown", levels(poll).get("enr-evil"), poll.toString());
            assertEquals("trusted", levels(poll).get(good.name), poll.toString());
            // the engine is told which TPM stands behind the good host's verdict
            JsonNode goodEntry = poll.body().path("hosts").get(1);
            assertEquals(published.at("/ek_sha256"), goodEntry.path("ek_fingerprint").asText(), poll.toString());
        }
    }

    /** A relay: its own certified EK with an AK it does not hold. The challenge cannot be opened; nothing is bound. */
    @Test
    void aRelayFailsActivation() throws Exception {
        String token = system.attestationRegistrationToken();
        Hostile relay = Hostile.make(ekCa);
        SoftwareTpm victim = new SoftwareTpm(AikStore.generate(), AikStore.generate());
        Reply challenge = send("POST", "/hosts", token, Enrollments.body("enr-relay", "http://127.0.0.1:9/jsonrpc",
                relay.tpm().ekPublicArea(), relay.ekCertPem(), victim.aikPublicArea()));
        assertEquals(202, challenge.status(), challenge.toString());
        byte[] blob = Base64.getDecoder().decode(challenge.at("/credential_blob"));
        // neither TPM opens it: the relay's has another AK, the victim's another EK
        assertThrows(CredentialActivation.ActivationException.class, () -> relay.tpm().activateCredential(blob));
        assertThrows(CredentialActivation.ActivationException.class, () -> victim.activateCredential(blob));
        ObjectNode guess = JSON.createObjectNode();
        guess.put("challenge_id", challenge.at("/challenge_id"));
        guess.put("secret", Base64.getEncoder().encodeToString(new byte[32]));
        Reply refused = send("POST", "/hosts/activate", token, guess.toString());
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.at("/error").contains("credential activation failed"), refused.toString());
        assertEquals(410, send("POST", "/hosts/activate", token, guess.toString()).status(), "a challenge is single-use");
        assertEquals(404, send("GET", "/hosts/enr-relay", system.attestationReaderToken(), null).status());
        assertEquals("unknown", levels(poll("{\"count\":1,\"hosts\":[\"enr-relay\"]}")).get("enr-relay"));
    }

    /** Re-pointing a registered host to another address with its public EK certificate and AK: no activation, no change. */
    @Test
    void rePointingARegisteredHostWithoutActivationIsRefused() throws Exception {
        whitelistTheAgentsGoodMeasurements();
        String token = system.attestationRegistrationToken();
        try (AttestedAgent good = AttestedAgent.start(agentJar, "enr-moved", system.attestationUrl(), token, ekCa, List.of())) {
            awaitRegistered(good.name);
            Reply published = send("GET", "/hosts/" + good.name, system.attestationReaderToken(), null);
            byte[] ekArea = Enrollments.ekAreaOf(published.at("/ek_certificate_pem"));
            Reply claim = send("POST", "/hosts", token, Enrollments.body(good.name, "http://10.66.66.66:54321/jsonrpc", ekArea,
                    published.at("/ek_certificate_pem"), Enrollments.akAreaOf(published.at("/aik_public_pem"))));
            assertEquals(202, claim.status(), "a change needs a proof: " + claim);
            ObjectNode guess = JSON.createObjectNode();
            guess.put("challenge_id", claim.at("/challenge_id"));
            guess.put("secret", Base64.getEncoder().encodeToString(new byte[32]));
            assertEquals(403, send("POST", "/hosts/activate", token, guess.toString()).status());
            Reply after = send("GET", "/hosts/" + good.name, system.attestationReaderToken(), null);
            assertEquals(published.at("/agent_url"), after.at("/agent_url"), "the address did not move");
            assertEquals("trusted", levels(poll("{\"count\":1,\"hosts\":[\"" + good.name + "\"]}")).get(good.name));
            // and another TPM cannot take the name at all
            Hostile other = Hostile.make(ekCa);
            Reply takeover = send("POST", "/hosts", token, Enrollments.body(good.name, "http://10.66.66.66:54321/jsonrpc",
                    other.tpm().ekPublicArea(), other.ekCertPem(), other.tpm().aikPublicArea()));
            assertEquals(409, takeover.status(), takeover.toString());
            assertTrue(takeover.at("/error").contains("administrator"), takeover.toString());
        }
    }

    @Test
    void enrollmentNeedsTheTokenAndATrustedEkCertificate() throws Exception {
        String token = system.attestationRegistrationToken();
        Hostile h = Hostile.make(ekCa);
        String body = Enrollments.body("enr-manual", "http://127.0.0.1:9/jsonrpc", h.tpm().ekPublicArea(), h.ekCertPem(),
                h.tpm().aikPublicArea());
        assertEquals(401, send("POST", "/hosts", null, body).status());
        assertEquals(401, send("POST", "/hosts", "wrong-token-wrong-token", body).status());
        // an EK certificate from a CA nobody trusts
        Path stranger = AttestedAgent.manufacturer(agentJar, system.options().dataDir().resolve("stranger-ca"));
        String strangeCert = Pem.encode("CERTIFICATE", ManufacturerCa.load(stranger).issueEkCertificate(h.tpm().ekPublic(), "x")
                .getEncoded());
        Reply untrusted = send("POST", "/hosts", token, Enrollments.body("enr-manual", "http://127.0.0.1:9/jsonrpc",
                h.tpm().ekPublicArea(), strangeCert, h.tpm().aikPublicArea()));
        assertEquals(403, untrusted.status(), untrusted.toString());
        assertTrue(untrusted.at("/error").contains("does not chain to a trusted EK CA"), untrusted.toString());
        // the honest path, by hand: challenge, activation, bound
        Reply challenge = send("POST", "/hosts", token, body);
        assertEquals(202, challenge.status(), challenge.toString());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("challenge_id", challenge.at("/challenge_id"));
        answer.put("secret", Base64.getEncoder().encodeToString(
                h.tpm().activateCredential(Base64.getDecoder().decode(challenge.at("/credential_blob")))));
        assertEquals(201, send("POST", "/hosts/activate", token, answer.toString()).status());
        assertEquals(200, send("POST", "/hosts", token, body).status(), "the same again is unchanged");

        assertEquals(401, send("DELETE", "/hosts/enr-manual", token, null).status(), "agents cannot delete hosts");
        assertEquals(401, send("POST", "/hosts/enr-manual/reject", token, null).status(), "nor approve or reject them");
        assertEquals(200, send("POST", "/hosts/enr-manual/reject", system.attestationAdminToken(), null).status());
        assertEquals("untrusted", levels(poll("{\"count\":1,\"hosts\":[\"enr-manual\"]}")).get("enr-manual"));
        assertEquals(204, send("DELETE", "/hosts/enr-manual", system.attestationAdminToken(), null).status());
        assertEquals(404, send("GET", "/hosts/enr-manual", system.attestationReaderToken(), null).status());

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
}
