package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.trustpool.launcher.TrustpoolSystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The attestation service as its administrator uses it in the trust tests: whitelist, registered agents. */
final class AttestationAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrustpoolSystem system;
    private final HttpClient http = HttpClient.newHttpClient();
    private Path manufacturer;

    AttestationAdmin(TrustpoolSystem system) {
        this.system = system;
    }

    /** Whitelists the measurements a host agent with the default BIOS and VMM boots with. */
    void whitelistGoodMeasurements(Path agentJar) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                agentJar.toString(), "--print-good-pcrs").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        JsonNode good = JSON.readTree(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        for (String type : List.of("bios", "vmm")) {
            ObjectNode mle = JSON.createObjectNode();
            mle.put("type", type.toUpperCase());
            mle.set("name", good.path(type).path("name"));
            mle.set("version", good.path(type).path("version"));
            mle.set("pcrs", good.path(type).path("pcrs"));
            int status = send("POST", "/mles", mle.toString());
            assertTrue(status == 200 || status == 201, "whitelisting answered " + status);
        }
    }

    /** The tests' TPM manufacturer, made once per system and trusted by its attestation service. */
    synchronized Path manufacturer(Path agentJar) throws Exception {
        if (manufacturer == null) {
            Path dir = AttestedAgent.manufacturer(agentJar, system.options().dataDir().resolve("it-ek-ca"));
            ObjectNode body = JSON.createObjectNode();
            body.put("certificate_pem", java.nio.file.Files.readString(dir.resolve("manufacturer-ca.pem")));
            int status = send("POST", "/ekcas", body.toString());
            assertTrue(status == 200 || status == 201, "trusting the tests' EK CA answered " + status);
            manufacturer = dir;
        }
        return manufacturer;
    }

    /** A one-host agent process that enrolled itself with the attestation service. */
    AttestedAgent startRegistered(Path agentJar, String prefix, Duration timeout, String... extra) throws Exception {
        // the engine will drive it: a certificate from the engine CA, as for a real host
        Path tlsDir = system.dataDir().resolve("it-agents").resolve(prefix);
        org.trustpool.launcher.Launcher.issueHostCertificate(system.dataDir(), prefix + "01", List.of("127.0.0.1"), tlsDir);
        List<String> options = new java.util.ArrayList<>(List.of(extra));
        options.addAll(List.of("--tls-dir", tlsDir.toString()));
        AttestedAgent agent = AttestedAgent.start(agentJar, prefix, system.attestationUrl(), system.attestationRegistrationToken(),
                manufacturer(agentJar), options);
        SystemUnderTest.await(agent.name + " registered", timeout, () -> send("GET", "/hosts/" + agent.name, null), s -> s == 200);
        return agent;
    }

    /** A host as the service publishes it (GET /hosts/{name}, no credentials). */
    JsonNode host(String name) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(system.attestationUrl() + "/resources/hosts/" + name))
                    .header("Authorization", "Bearer " + system.attestationReaderToken())
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() == 200, "GET /hosts/" + name + ": " + r.statusCode());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A POST with this token that must answer {@code expected}; its JSON answer. */
    JsonNode post(String path, String token, String body, int expected) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(system.attestationUrl() + "/resources" + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() == expected, "POST " + path + ": " + r.statusCode() + " " + r.body());
            return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A request to the service's admin API with the admin token; answers the HTTP status. */
    int send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.attestationUrl() + "/resources" + path))
                .header("Authorization", "Bearer " + system.attestationAdminToken()).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(method + " " + path, e);
        }
    }
}
