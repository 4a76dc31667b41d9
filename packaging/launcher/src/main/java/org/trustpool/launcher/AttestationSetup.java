package org.trustpool.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The demo's side of the attestation service: its good measurements whitelisted (as the
 * simulator prints them with --print-good-pcrs) and the simulated hosts awaited in its registry.
 * Goes through the service's own REST API, as an administrator would.
 */
final class AttestationSetup {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    private final URI resources;
    /** The admin's token to whitelist, a reader's (or the admin's) to read the registered hosts. */
    private final String adminToken;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param serviceUrl http://HOST:PORT/AttestationService */
    AttestationSetup(URI serviceUrl, String adminToken) {
        this.resources = URI.create(serviceUrl + "/resources");
        this.adminToken = adminToken;
    }

    /**
     * {"bios":{"name","version","pcrs"},"vmm":{...}} from the simulator, each POSTed as an MLE.
     *
     * @return e.g. "BIOS TrustpoolBIOS 1.0 (new), VMM TrustpoolVMM 1.0 (already whitelisted)"
     */
    String whitelistGoodMeasurements(Path hostAgentJar) throws InterruptedException {
        String printed = HostAgentFeatures.run(hostAgentJar, List.of("--print-good-pcrs"), true);
        if (printed == null) {
            throw new LaunchException("the host-agent simulator's --print-good-pcrs failed");
        }
        JsonNode good;
        try {
            good = MAPPER.readTree(printed.strip());
        } catch (IOException e) {
            throw new LaunchException("the host-agent simulator's --print-good-pcrs printed no JSON: " + e.getMessage());
        }
        List<String> done = new ArrayList<>();
        for (String type : List.of("BIOS", "VMM")) {
            JsonNode part = good.path(type.toLowerCase());
            if (!part.isObject()) {
                throw new LaunchException("--print-good-pcrs has no \"" + type.toLowerCase() + "\" object");
            }
            done.add(type + " " + part.path("name").asText() + " " + part.path("version").asText() + " ("
                    + whitelist(mleBody(type, part)) + ")");
        }
        return String.join(", ", done);
    }

    static ObjectNode mleBody(String type, JsonNode part) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("type", type);
        body.put("name", part.path("name").asText());
        body.put("version", part.path("version").asText());
        body.set("pcrs", part.path("pcrs"));
        return body;
    }

    private String whitelist(ObjectNode mle) throws InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(resources + "/mles"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mle.toString(), StandardCharsets.UTF_8)));
        return switch (r.statusCode()) {
            case 201 -> "new";
            case 200 -> "already whitelisted";
            // an earlier run whitelisted other values under this version: the administrator's call
            case 409 -> "other values already whitelisted for this version, left as they are";
            default -> throw new LaunchException("whitelisting " + mle.path("type").asText() + " failed: HTTP "
                    + r.statusCode() + " " + r.body());
        };
    }

    /** Makes the service trust this EK CA certificate (PEM); "new" or "already trusted". */
    String trustEkCa(String certificatePem, String what) throws InterruptedException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("certificate_pem", certificatePem);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(resources + "/ekcas"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
        return switch (r.statusCode()) {
            case 201 -> "new";
            case 200 -> "already trusted";
            default -> throw new LaunchException("trusting " + what + " as an EK CA failed: HTTP " + r.statusCode() + " "
                    + r.body());
        };
    }

    /**
     * Makes the service stop trusting this EK CA certificate (PEM) for new enrollments; "no longer trusted" or
     * "was not trusted". Hosts enrolled under it stay enrolled (their EK was proven when they enrolled).
     */
    String distrustEkCa(String certificatePem, String what) throws InterruptedException {
        String sha256;
        try {
            java.security.cert.Certificate cert = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new LaunchException(what + " is not a certificate: " + e.getMessage());
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(resources + "/ekcas/" + sha256))
                .header("Authorization", "Bearer " + adminToken).DELETE());
        return switch (r.statusCode()) {
            case 204, 200 -> "no longer trusted";
            case 404 -> "was not trusted";
            default -> throw new LaunchException("withdrawing trust in " + what + " failed: HTTP " + r.statusCode() + " " + r.body());
        };
    }

    /** Waits until the service lists every one of these hosts (the agents register in the background). */
    List<String> awaitRegistered(List<String> names, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing = new ArrayList<>(names);
        while (true) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(resources + "/hosts"))
                    .header("Authorization", "Bearer " + adminToken).GET());
            if (r.statusCode() == 200) {
                Set<String> registered = new HashSet<>();
                try {
                    MAPPER.readTree(r.body()).path("hosts").forEach(h -> registered.add(h.path("host_name").asText()));
                } catch (IOException e) {
                    throw new LaunchException("GET " + resources + "/hosts answered no JSON: " + e.getMessage());
                }
                missing.removeIf(registered::contains);
            }
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                return missing;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws InterruptedException {
        HttpRequest built = request.header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LaunchException(built.method() + " " + built.uri() + " failed: " + e, e);
        }
    }
}
