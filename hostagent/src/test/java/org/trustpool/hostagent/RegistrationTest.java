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
import java.util.Base64;
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

    /** Answers the given statuses in turn (the last one forever); a 202 carries a challenge for the host's TPM. */
    private URI startService(int... statuses) throws IOException {
        return startService(false, statuses);
    }

    /**
     * A stand-in for the service. On 202 it makes a real credential for the EK and the AK name the
     * host sent (or, with {@code relay}, for another AK's name, as a relay would get it) and
     * answers /hosts/activate with 201 only if the secret comes back.
     */
    private URI startService(boolean relay, int... statuses) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        byte[] secret = "thirty-two bytes of secret here!".getBytes(StandardCharsets.US_ASCII);
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = mapper.readTree(body);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), json));
            byte[] answer = new byte[0];
            int status;
            if (path.endsWith("/activate")) {
                status = java.util.Arrays.equals(secret, Base64.getDecoder().decode(json.path("secret").asText())) ? 201 : 403;
            } else {
                status = statuses[Math.min(calls.getAndIncrement(), statuses.length - 1)];
                if (status == 202) {
                    try {
                        byte[] ekArea = Base64.getDecoder().decode(json.path("ek_public").asText());
                        byte[] akArea = Base64.getDecoder().decode(json.path("ak_public").asText());
                        byte[] name = relay ? SoftwareTpm.nameOf((java.security.interfaces.RSAPublicKey) AikStore.generate()
                                .getPublic()) : nameOf(akArea);
                        byte[] blob = VerifierSide.makeCredential(ekOf(ekArea), name, secret);
                        answer = mapper.writeValueAsBytes(java.util.Map.of("challenge_id", "00".repeat(16),
                                "credential_blob", Base64.getEncoder().encodeToString(blob), "ek_sha256", "x"));
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                }
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        service.start();
        return URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/AttestationService");
    }

    private static byte[] nameOf(byte[] publicArea) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(publicArea);
        byte[] name = new byte[34];
        name[1] = 0x0b;
        System.arraycopy(digest, 0, name, 2, 32);
        return name;
    }

    /** The RSA key of a default-template EK's TPMT_PUBLIC: its last 256 bytes are the modulus. */
    private static java.security.interfaces.RSAPublicKey ekOf(byte[] area) throws Exception {
        byte[] modulus = java.util.Arrays.copyOfRange(area, area.length - 256, area.length);
        return (java.security.interfaces.RSAPublicKey) java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.RSAPublicKeySpec(new java.math.BigInteger(1, modulus), java.math.BigInteger.valueOf(65537)));
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    void everyHostPostsItsRegistrationAndProvesItsTpm() throws Exception {
        URI url = startService(202);
        MeasuredBoot.Platform platform = new MeasuredBoot.Platform("AcmeBIOS", "2.0", "KVM", "6.1");
        SimulatorOptions options = SimulatorOptions.ephemeral(2).withPlatform(platform).withAttestation(url, "s3cret");
        try (Simulator sim = Simulator.start(options, FAST)) {
            for (var f : sim.registrations()) {
                assertEquals(AttestationRegistrar.Outcome.REGISTERED, f.get(20, TimeUnit.SECONDS));
            }
            assertEquals(4, received.size(), "an enrollment and an activation per host");
            assertEquals(2, received.stream().filter(r -> r.path().endsWith("/hosts/activate")).count());
            List<Received> requests = new ArrayList<>(received.stream().filter(r -> r.path().endsWith("/hosts")).toList());
            requests.sort((a, b) -> a.body().get("host_name").asText().compareTo(b.body().get("host_name").asText()));
            for (int i = 0; i < 2; i++) {
                Received r = requests.get(i);
                Simulator.RunningHost host = sim.hosts().get(i);
                assertEquals("POST", r.method());
                assertEquals("/AttestationService/resources/hosts", r.path());
                assertEquals("application/json", r.contentType());
                assertEquals("Bearer s3cret", r.authorization());
                assertEquals(List.of("host_name", "agent_url", "ek_public", "ek_certificate_pem", "ak_public", "bios_name",
                        "bios_version", "vmm_name", "vmm_version"), fieldNames(r.body()));
                assertEquals(host.name(), r.body().get("host_name").asText());
                assertEquals(host.url().toString(), r.body().get("agent_url").asText());
                assertEquals(Base64.getEncoder().encodeToString(host.host().tpm().aikPublicArea()),
                        r.body().get("ak_public").asText());
                assertEquals(Base64.getEncoder().encodeToString(host.host().tpm().ekPublicArea()),
                        r.body().get("ek_public").asText());
                assertEquals("AcmeBIOS", r.body().get("bios_name").asText());
                assertEquals("2.0", r.body().get("bios_version").asText());
                assertEquals("KVM", r.body().get("vmm_name").asText());
                assertEquals("6.1", r.body().get("vmm_version").asText());
            }
        }
    }

    /**
     * A host on swtpm ({@code --tpm swtpm}) enrolls with the EK certificate swtpm_setup's local CA
     * put into its TPM (and the CA's intermediate), and its real TPM recovers the credential made
     * for its EK and AK; a quote over JSON-RPC from it verifies and shows the good PCR values.
     */
    @Test
    void aSwtpmHostEnrollsWithItsOwnEkCertificateAndQuotesWithItsTpm(@TempDir Path dir) throws Exception {
        Tools.require(SwtpmTpmTest.TOOLS);
        URI url = startService(202);
        SimulatorOptions options = SimulatorOptions.ephemeral(1).withDataDir(dir).withSwtpm(dir.resolve("ca"))
                .withAttestation(url, "s3cret");
        try (Simulator sim = Simulator.start(options, FAST)) {
            assertEquals(AttestationRegistrar.Outcome.REGISTERED, sim.registrations().get(0).get(60, TimeUnit.SECONDS));
            Received enrollment = received.stream().filter(r -> r.path().endsWith("/hosts")).findFirst().orElseThrow();
            String pem = enrollment.body().get("ek_certificate_pem").asText();
            var chain = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            assertEquals(2, chain.size(), "the EK certificate from NV 0x1c00002, then swtpm-localca's intermediate");
            java.security.cert.X509Certificate ekCert = (java.security.cert.X509Certificate) chain.iterator().next();
            assertEquals(sim.hosts().get(0).host().tpm().ekPublic(), ekCert.getPublicKey());
            assertTrue(ekCert.getIssuerX500Principal().getName().contains("swtpm-localca"), ekCert.getIssuerX500Principal().getName());
            assertTrue(Files.isDirectory(dir.resolve("swtpm").resolve("host-01")), "the TPM's state is in the data dir");

            Rpc rpc = new Rpc();
            String nonce = "5a".repeat(32);
            List<Integer> pcrs = List.of(0, 1, 2, 3, 4, 5, 6, 7, 17, 18, 19);
            JsonNode quote = rpc.result(sim.hosts().get(0).url(), "Host.getQuote", "nonce", nonce, "pcrs", pcrs);
            assertEquals(sim.hosts().get(0).host().tpm().aikPublic(), QuoteRpcTest.verified(quote, nonce, pcrs));
            var good = MeasuredBoot.expectedPcrs("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0");
            for (int pcr : pcrs) {
                assertEquals(java.util.HexFormat.of().formatHex(good.get(pcr)), quote.at("/pcrValues/" + pcr).asText(), "PCR " + pcr);
            }
        }
    }

    @Test
    void noTokenMeansNoAuthorizationHeaderAnd409IsARefusalNotRetried() throws Exception {
        URI url = startService(409);
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withAttestation(url, null), FAST)) {
            assertEquals(AttestationRegistrar.Outcome.REFUSED, sim.registrations().get(0).get(20, TimeUnit.SECONDS));
            assertNull(received.peek().authorization());
            assertEquals(1, received.size(), "409 is not retried");
        }
    }

    @Test
    void alreadyEnrolledNeedsNoActivation() throws Exception {
        URI url = startService(200);
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withAttestation(url, null), FAST)) {
            assertEquals(AttestationRegistrar.Outcome.ALREADY_REGISTERED, sim.registrations().get(0).get(20, TimeUnit.SECONDS));
            assertEquals(1, received.size());
        }
    }

    /** A challenge bound to another AK's name (what a relay gets) does not open in this TPM: nothing is sent back. */
    @Test
    void aChallengeForAnotherAkIsNotAnswered() throws Exception {
        URI url = startService(true, 202);
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withAttestation(url, null), FAST)) {
            assertEquals(AttestationRegistrar.Outcome.REFUSED, sim.registrations().get(0).get(20, TimeUnit.SECONDS));
            assertEquals(0, received.stream().filter(r -> r.path().endsWith("/activate")).count());
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        URI url = startService(500, 503, 202);
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withAttestation(url, null), FAST)) {
            assertEquals(AttestationRegistrar.Outcome.REGISTERED, sim.registrations().get(0).get(20, TimeUnit.SECONDS));
            assertEquals(4, received.size(), "three enrollments, one activation");
        }
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheConfiguredAttemptsAndTheHostKeepsServing() throws Exception {
        URI url = startService(502);
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
        Path tokenFile = Files.writeString(dir.resolve("token"), "do-not-log-me\n");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Simulator.class.getName(),
                "--hosts", "2", "--base-port", "0", "--tamper", "host-02", "--insecure-plain-http",
                "--attestation-url", "http://127.0.0.1:" + freePort() + "/AttestationService",
                "--attestation-token-file", tokenFile.toString()));
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
