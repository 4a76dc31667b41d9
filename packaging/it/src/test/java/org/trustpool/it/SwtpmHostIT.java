package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.trustpool.launcher.LaunchOptions;
import org.trustpool.launcher.Launcher;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * Issue 12 on a real TPM: `trustpool run --swtpm-host` adds host-swtpm-01, whose agent drives its own
 * swtpm through tpm2-tools. The host enrolls with the EK certificate swtpm_setup's local CA put into
 * its TPM (the launcher made that CA trusted through the admin API), answers the MakeCredential
 * challenge with tpm2_activatecredential, is approved, and comes Up and trusted in the trusted
 * cluster, with its TPM's EK fingerprint in the API's {@code <trust>}. `trustpool tamper` extends
 * a wrong value into its PCR 19 in the swtpm, and the engine takes it out of service as untrusted.
 * <p>
 * Needs swtpm, swtpm-tools and tpm2-tools: without them the test is skipped with the install
 * command, unless TRUSTPOOL_REQUIRE_SWTPM=1 (set by .ci/run), where it fails.
 */
class SwtpmHostIT {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String NAME = "host-swtpm-01";
    private static final List<String> TOOLS = List.of("swtpm", "swtpm_setup", "swtpm_localca", "tpm2_createak",
            "tpm2_quote", "tpm2_activatecredential", "tpm2_pcrextend", "tpm2_pcrread", "tpm2_nvread", "tpm2_readpublic");

    @Test
    void aHostOnSwtpmEnrollsIsTrustedAndIsCaughtWhenTampered() throws Exception {
        requireSwtpm();
        LaunchOptions options = SystemUnderTest.demoOptions("swtpm-host", SystemUnderTest.PORT + 900, 3)
                .swtpmHost(true).build();
        try (TrustpoolSystem system = Launcher.start(options)) {
            Api api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
            assertTrue(system.hosts().stream().anyMatch(h -> h.name().equals(NAME)), "the launcher started " + NAME);

            // Enrolled with swtpm's own EK certificate, issued by the local CA the launcher made the service trust.
            JsonNode published = new AttestationAdmin(system).host(NAME);
            String pem = published.path("ek_certificate_pem").asText();
            X509Certificate ekCert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            assertTrue(ekCert.getIssuerX500Principal().getName().contains("swtpm-localca"), ekCert.getIssuerX500Principal().getName());
            Path root = system.dataDir().resolve("swtpm-localca").resolve("swtpm-localca-rootca-cert.pem");
            assertTrue(Files.isRegularFile(root), root.toString());
            String rootFingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(root)).getEncoded()));
            String cas = adminGet(system, "/ekcas");
            assertTrue(cas.contains(rootFingerprint), "the service trusts swtpm's local CA: " + cas);

            // Up and trusted in the trusted cluster, and the engine shows which TPM stands behind the verdict.
            String ek = published.path("ek_sha256").asText();
            assertTrue(ek.matches("[0-9a-f]{64}"), published.toString());
            Api.Reply host = api.get("/hosts?search=name%3D" + NAME);
            assertEquals("up", host.at("/hosts/host/status"), host.toString());
            String id = host.at("/hosts/host/@id");
            assertEquals("Trusted", api.get("/clusters/" + api.get("/hosts/" + id).at("/host/cluster/@id")).at("/cluster/name"));
            SystemUnderTest.await(NAME + " trusted with its EK fingerprint", WAIT, () -> {
                Api.Reply h = api.get("/hosts/" + id);
                return h.at("/host/trust/level") + " " + h.at("/host/trust/ek_fingerprint");
            }, ("trusted " + ek)::equals);

            // Tampering: a wrong value extended into its swtpm's PCR 19 (at the launched environment's locality).
            assertEquals(200, api.put("/options/AttestationReattestPeriodSeconds", "<option><value>2</value></option>").status());
            assertEquals(200, api.put("/options/AttestationTrustValiditySeconds", "<option><value>10</value></option>").status());
            assertEquals(0, trustpool(system, "tamper", NAME), "trustpool tamper " + NAME);
            SystemUnderTest.await(NAME + " NonOperational", WAIT,
                    () -> api.get("/hosts/" + id).at("/host/status"), "non_operational"::equals);
            Api.Reply after = api.get("/hosts/" + id);
            assertEquals("untrusted", after.at("/host/trust/level"), after.toString());
            assertTrue(after.at("/host/trust/reason").contains("PCR 19"), after.toString());
        }
    }

    /** GET on the service's admin API (GET /ekcas lists the trusted EK CAs with their SHA-256 fingerprints). */
    private static String adminGet(TrustpoolSystem system, String path) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.attestationUrl() + "/resources" + path))
                        .header("Authorization", "Bearer " + system.attestationAdminToken())
                        .timeout(Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "GET " + path + ": " + r.body());
        return r.body();
    }

    /** As the hostagent module's conformance tests: skip with the install command, or fail in CI. */
    private static void requireSwtpm() {
        List<String> missing = TOOLS.stream().filter(t -> !onPath(t)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "missing " + missing + " (apt-get install -y swtpm swtpm-tools tpm2-tools)";
        if ("1".equals(System.getenv("TRUSTPOOL_REQUIRE_SWTPM"))) {
            fail("TRUSTPOOL_REQUIRE_SWTPM=1 but " + message);
        }
        assumeTrue(false, message + ": skipping the swtpm host test");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The launcher's command, as `packaging/bin/trustpool CMD HOST --data-dir DIR` runs it. */
    private static int trustpool(TrustpoolSystem system, String command, String host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Launcher.execute(new String[] {command, host, "--data-dir", system.dataDir().toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return code;
    }
}
