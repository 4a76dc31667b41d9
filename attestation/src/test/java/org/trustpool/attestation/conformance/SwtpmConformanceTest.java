package org.trustpool.attestation.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustpool.attestation.tpm.QuoteParser;
import org.trustpool.attestation.tpm.TpmsAttest;
import org.trustpool.attestation.verify.Aik;
import org.trustpool.attestation.verify.Challenge;
import org.trustpool.attestation.verify.CheckResult;
import org.trustpool.attestation.verify.Evidence;
import org.trustpool.attestation.verify.QuoteVerifier;
import org.trustpool.attestation.whitelist.Mle;
import org.trustpool.attestation.whitelist.MleType;
import org.trustpool.attestation.whitelist.WhitelistCheck;

/**
 * Conformance with a real TPM 2.0 implementation: swtpm (libtpms, the TCG reference code)
 * makes an attestation key and a quote with tpm2-tools, and our verifier must accept exactly
 * that quote and refuse it with a wrong nonce or an altered PCR. This proves the format we
 * verify is the TPM's, not our own invention. Needs the Debian packages swtpm, swtpm-tools
 * and tpm2-tools (.ci/run installs them); skipped without them.
 */
class SwtpmConformanceTest {

    private static final List<String> TOOLS = List.of("swtpm", "tpm2_createek", "tpm2_createak", "tpm2_flushcontext",
            "tpm2_pcrextend", "tpm2_pcrread", "tpm2_quote", "tpm2_checkquote");
    private static final Pattern PCR_LINE = Pattern.compile("^\\s*(\\d+)\\s*:\\s*0x([0-9A-Fa-f]{64})\\s*$");

    @TempDir
    Path dir;
    private Process swtpm;
    private String tcti;
    private final SecureRandom random = new SecureRandom();
    private final QuoteVerifier verifier = new QuoteVerifier();

    @BeforeEach
    void startSwtpm() throws Exception {
        List<String> missing = TOOLS.stream().filter(t -> !onPath(t)).toList();
        // in CI (.ci/run sets TRUSTPOOL_REQUIRE_SWTPM=1 after installing them) missing tools are a failure, not a skip
        if (!missing.isEmpty() && "1".equals(System.getenv("TRUSTPOOL_REQUIRE_SWTPM"))) {
            org.junit.jupiter.api.Assertions.fail("TRUSTPOOL_REQUIRE_SWTPM=1 but swtpm/tpm2-tools are missing: " + missing);
        }
        assumeTrue(missing.isEmpty(), "swtpm/tpm2-tools not installed (missing " + missing
                + "): apt-get install -y swtpm swtpm-tools tpm2-tools");
        // an absolute state directory: a relative one sends libtpms into failure mode
        Path state = Files.createDirectories(dir.toAbsolutePath().resolve("state"));
        // the swtpm TCTI finds the control channel at the next port up
        int port = freePortPair();
        int ctrl = port + 1;
        swtpm = new ProcessBuilder("swtpm", "socket", "--tpm2", "--tpmstate", "dir=" + state,
                "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                "--ctrl", "type=tcp,port=" + ctrl + ",bindaddr=127.0.0.1",
                "--flags", "not-need-init,startup-clear")
                .redirectErrorStream(true).redirectOutput(dir.resolve("swtpm.log").toFile()).start();
        tcti = "swtpm:host=127.0.0.1,port=" + port;
        awaitPort(port);
    }

    @AfterEach
    void stopSwtpm() throws Exception {
        if (swtpm != null) {
            swtpm.destroy();
            if (!swtpm.waitFor(10, TimeUnit.SECONDS)) {
                swtpm.destroyForcibly();
            }
        }
    }

    @Test
    void ourVerifierAcceptsARealTpmQuoteAndRefusesItWhenWrong() throws Exception {
        tpm("tpm2_createek", "-c", "ek.ctx", "-G", "rsa", "-u", "ek.pub");
        tpm("tpm2_flushcontext", "-t");
        tpm("tpm2_createak", "-C", "ek.ctx", "-c", "ak.ctx", "-G", "rsa", "-g", "sha256", "-s", "rsassa",
                "-u", "ak.pub", "-f", "pem", "-n", "ak.name");
        // no resource manager in between: flush, or the TPM runs out of object slots
        tpm("tpm2_flushcontext", "-t");
        tpm("tpm2_flushcontext", "-s");
        // a measured boot of PCR 0-7 (17-19 stay at their all-ones reset value: no dynamic launch here)
        for (int i = 0; i < 8; i++) {
            tpm("tpm2_pcrextend", i + ":sha256=" + sha256Hex("firmware component " + i));
        }
        RSAPublicKey aik = Aik.parsePem(Files.readString(dir.resolve("ak.pub")));

        Challenge challenge = Challenge.fresh(random);
        Evidence evidence = quote(challenge);

        // the real structure, read by our parser: the nonce where the contract says
        TpmsAttest attest = QuoteParser.parseAttest(evidence.quote());
        assertEquals(HexFormat.of().formatHex(challenge.nonce()), HexFormat.of().formatHex(attest.extraData()));

        CheckResult good = verifier.verify(challenge, evidence, aik);
        assertTrue(good.passed(), () -> good.check() + ": " + good.reason());

        // the same quote presented for another challenge: a replay
        CheckResult replay = verifier.verify(Challenge.fresh(random), evidence, aik);
        assertEquals("nonce", replay.check(), replay.reason());

        // one reported PCR altered after the TPM quoted them
        SortedMap<Integer, byte[]> altered = new TreeMap<>(evidence.pcrValues());
        byte[] pcr7 = altered.get(7).clone();
        pcr7[31] ^= 1;
        altered.put(7, pcr7);
        CheckResult digest = verifier.verify(challenge, new Evidence(evidence.quote(), evidence.signature(), altered,
                "sha256"), aik);
        assertEquals("pcr-digest", digest.check(), digest.reason());

        // signed by the TPM, but checked against another AIK
        RSAPublicKey stranger = (RSAPublicKey) org.trustpool.attestation.testing.SimulatedTpm.newAik().getPublic();
        assertEquals("signature", verifier.verify(challenge, evidence, stranger).check());

        // the whitelist made from this boot accepts it; a boot component changed afterwards
        // (PCR 7 extended again) gives a genuine quote that the whitelist refuses
        Mle bios = mle(MleType.BIOS, evidence.pcrValues());
        Mle vmm = mle(MleType.VMM, evidence.pcrValues());
        assertTrue(WhitelistCheck.check("B", "1", "V", "1", evidence.pcrValues(), List.of(bios, vmm)).passed());
        tpm("tpm2_pcrextend", "7:sha256=" + sha256Hex("a swapped boot loader"));
        Challenge second = Challenge.fresh(random);
        Evidence tampered = quote(second);
        CheckResult genuine = verifier.verify(second, tampered, aik);
        assertTrue(genuine.passed(), () -> genuine.check() + ": " + genuine.reason());
        CheckResult whitelist = WhitelistCheck.check("B", "1", "V", "1", tampered.pcrValues(), List.of(bios, vmm));
        assertFalse(whitelist.passed());
        assertTrue(whitelist.reason().startsWith("PCR 7 does not match BIOS 'B'"), whitelist.reason());
    }

    private Evidence quote(Challenge challenge) throws Exception {
        String selection = "sha256:" + challenge.pcrs().stream().map(String::valueOf).collect(Collectors.joining(","));
        String nonce = HexFormat.of().formatHex(challenge.nonce());
        Files.deleteIfExists(dir.resolve("quote.msg"));
        tpm("tpm2_quote", "-c", "ak.ctx", "-l", selection, "-q", nonce, "-m", "quote.msg", "-s", "quote.sig",
                "-o", "quote.pcrs", "-g", "sha256");
        // a second opinion from tpm2-tools on the very files we verify
        tpm("tpm2_checkquote", "-u", "ak.pub", "-m", "quote.msg", "-s", "quote.sig", "-f", "quote.pcrs", "-g", "sha256",
                "-q", nonce);
        Map<Integer, byte[]> values = pcrRead(tpm("tpm2_pcrread", selection));
        assertEquals(new TreeSet<>(challenge.pcrs()), new TreeSet<>(values.keySet()));
        return new Evidence(Files.readAllBytes(dir.resolve("quote.msg")), Files.readAllBytes(dir.resolve("quote.sig")),
                values, "sha256");
    }

    private static Map<Integer, byte[]> pcrRead(String yaml) {
        Map<Integer, byte[]> values = new TreeMap<>();
        for (String line : yaml.split("\\R")) {
            Matcher m = PCR_LINE.matcher(line);
            if (m.matches()) {
                values.put(Integer.parseInt(m.group(1)), HexFormat.of().parseHex(m.group(2).toLowerCase()));
            }
        }
        return values;
    }

    private static Mle mle(MleType type, Map<Integer, byte[]> values) {
        TreeMap<Integer, String> pcrs = new TreeMap<>();
        type.pcrs().forEach(i -> pcrs.put(i, HexFormat.of().formatHex(values.get(i))));
        return new Mle(type == MleType.BIOS ? 1 : 2, type, type == MleType.BIOS ? "B" : "V", "1", pcrs, null);
    }

    /** Runs a tpm2-tools command in the temp dir against our swtpm; its output, or a failure with it. */
    private String tpm(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TPM2TOOLS_TCTI", tcti);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        return dirs.stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            if (port < 65535) {
                try (ServerSocket a = new ServerSocket(port); ServerSocket b = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no two adjacent free ports");
    }

    private void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (!swtpm.isAlive()) {
                    throw new AssertionError("swtpm exited: " + Files.readString(dir.resolve("swtpm.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("swtpm did not listen on " + port);
                }
                Thread.sleep(100);
            }
        }
    }
}
