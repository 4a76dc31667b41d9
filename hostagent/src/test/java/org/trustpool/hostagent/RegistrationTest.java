package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration with a tiny in-test stand-in for the attestation service. */
class RegistrationTest {

    private static final Simulator.RegistrarFactory FAST = (url, token, mapper) ->
            new AttestationRegistrar(url, token, mapper, 3, Duration.ofMillis(50), Duration.ofMillis(200));

    record Received(String method, String path, String contentType, String authorization, JsonNode body) {
    }

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private HttpServer service;

    /** Answers the given statuses in turn (the last one forever). */
    private URI startService(int... statuses) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), mapper.readTree(body)));
            int status = statuses[Math.min(calls.getAndIncrement(), statuses.length - 1)];
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        service.start();
        return URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/AttestationService");
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    void everyHostPostsItsRegistration() throws Exception {
        URI url = startService(201);
        MeasuredBoot.Platform platform = new MeasuredBoot.Platform("AcmeBIOS", "2.0", "KVM", "6.1");
        SimulatorOptions options = SimulatorOptions.ephemeral(2).withPlatform(platform).withAttestation(url, "s3cret");
        try (Simulator sim = Simulator.start(options, FAST)) {
            for (var f : sim.registrations()) {
                assertEquals(AttestationRegistrar.Outcome.REGISTERED, f.get(20, TimeUnit.SECONDS));
            }
            assertEquals(2, received.size());
            List<Received> requests = new ArrayList<>(received);
            requests.sort((a, b) -> a.body().get("host_name").asText().compareTo(b.body().get("host_name").asText()));
            for (int i = 0; i < 2; i++) {
                Received r = requests.get(i);
                Simulator.RunningHost host = sim.hosts().get(i);
                assertEquals("POST", r.method());
                assertEquals("/AttestationService/resources/hosts", r.path());
                assertEquals("application/json", r.contentType());
                assertEquals("Bearer s3cret", r.authorization());
                assertEquals(List.of("host_name", "agent_url", "aik_public_pem", "bios_name", "bios_version",
                        "vmm_name", "vmm_version"), fieldNames(r.body()));
                assertEquals(host.name(), r.body().get("host_name").asText());
                assertEquals(host.url().toString(), r.body().get("agent_url").asText());
                assertEquals(Pem.publicKey(host.host().tpm().aikPublic()), r.body().get("aik_public_pem").asText());
                assertEquals("AcmeBIOS", r.body().get("bios_name").asText());
                assertEquals("2.0", r.body().get("bios_version").asText());
                assertEquals("KVM", r.body().get("vmm_name").asText());
                assertEquals("6.1", r.body().get("vmm_version").asText());
            }
        }
    }

    @Test
    void noTokenMeansNoAuthorizationHeaderAnd409IsFine() throws Exception {
        URI url = startService(409);
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withAttestation(url, null), FAST)) {
            assertEquals(AttestationRegistrar.Outcome.ALREADY_REGISTERED, sim.registrations().get(0).get(20, TimeUnit.SECONDS));
            assertNull(received.peek().authorization());
            assertEquals(1, received.size(), "409 is not retried");
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        URI url = startService(500, 503, 200);
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withAttestation(url, null), FAST)) {
            assertEquals(AttestationRegistrar.Outcome.REGISTERED, sim.registrations().get(0).get(20, TimeUnit.SECONDS));
            assertEquals(3, received.size());
        }
    }

    @Test
    void persistentRefusalGivesUpAfterTheConfiguredAttemptsAndTheHostKeepsServing() throws Exception {
        URI url = startService(400);
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withAttestation(url, null), FAST)) {
            assertEquals(AttestationRegistrar.Outcome.FAILED, sim.registrations().get(0).get(20, TimeUnit.SECONDS));
            assertEquals(3, received.size());
            new Rpc().result(sim.hosts().get(0).url(), "Host.getCapabilities");
        }
    }

    @Test
    void unreachableServiceNeverStopsTheSimulator() throws Exception {
        URI dead = URI.create("http://127.0.0.1:" + freePort() + "/AttestationService");
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withAttestation(dead, "t"), FAST)) {
            Rpc rpc = new Rpc();
            rpc.result(sim.hosts().get(0).url(), "Host.getQuote", "nonce", "00".repeat(16), "pcrs", List.of(0));
            assertEquals(AttestationRegistrar.Outcome.FAILED, sim.registrations().get(0).get(20, TimeUnit.SECONDS));
            rpc.result(sim.hosts().get(0).url(), "Host.getCapabilities");
        }
    }

    /** The real process, as the launcher starts it: HOST/READY lines are unchanged and the process lives on. */
    @Test
    void processWithUnreachableServiceStillAnnouncesAndServes(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Simulator.class.getName(),
                "--hosts", "2", "--base-port", "0", "--tamper", "host-02", "--insecure-plain-http",
                "--attestation-url", "http://127.0.0.1:" + freePort() + "/AttestationService",
                "--attestation-token", "do-not-log-me"));
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(stderr.toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<URI> urls = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                String line = out.readLine();
                assertNotNull(line, "simulator ended early");
                assertTrue(line.matches("HOST host-0" + i + " [0-9a-f-]{36} http://127\\.0\\.0\\.1:\\d+/jsonrpc"), line);
                urls.add(URI.create(line.substring(line.lastIndexOf(' ') + 1)));
            }
            assertEquals("READY 2", out.readLine());
            Rpc rpc = new Rpc();
            JsonNode q = rpc.result(urls.get(1), "Host.getQuote", "nonce", "00".repeat(16), "pcrs", List.of(19));
            assertNotEquals19(q);
            // Wait for at least one failed attempt to be logged, then check the process is alive.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(stderr).contains("warning: attestation") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String err = Files.readString(stderr);
            assertTrue(err.contains("warning: attestation"), err);
            assertFalse(err.contains("do-not-log-me"), "the token must never be logged");
            assertTrue(process.isAlive());
            rpc.result(urls.get(0), "Host.getCapabilities");
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    private static void assertNotEquals19(JsonNode quote) {
        String good = java.util.HexFormat.of().formatHex(
                MeasuredBoot.expectedPcrs("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0").get(19));
        assertFalse(good.equals(quote.at("/pcrValues/19").asText()), "--tamper host-02 must show in PCR 19");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
