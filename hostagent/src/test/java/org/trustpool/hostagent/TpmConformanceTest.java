package org.trustpool.hostagent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves our quote is the TPM's format, not our own invention, against a real TPM 2.0 stack:
 * tpm2-tools' {@code tpm2_checkquote} must accept OUR quote (and reject it when nonce, PCRs or
 * key are wrong), and a quote from {@code swtpm} (libtpms, the reference-derived TPM) must have
 * byte-for-byte the layout we produce. Skipped, with a message saying so, where the tools are
 * absent ({@code apt-get install -y swtpm swtpm-tools tpm2-tools}).
 */
class TpmConformanceTest {

    private static final HexFormat HEX = HexFormat.of();
    @Test
    void tpm2CheckquoteAcceptsOurQuoteAndRejectsForgeries(@TempDir Path dir) throws Exception {
        Tools.require(List.of("tpm2_checkquote"));
        SoftwareTpm tpm = new SoftwareTpm(AikStore.generate());
        MeasuredBoot.boot(tpm, SimulatorOptions.defaultPlatform(), false);
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        SortedSet<Integer> selection = new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 17, 18, 19));
        Tpm.Quote quote = tpm.quote(nonce, selection);

        Path pub = write(dir.resolve("ak.pub"), Pem.publicKey(tpm.aikPublic()).getBytes(StandardCharsets.US_ASCII));
        Path msg = write(dir.resolve("quote.msg"), quote.attest());
        Path sig = write(dir.resolve("quote.sig"), quote.signature());
        Path pcrs = write(dir.resolve("quote.pcrs"), TpmStructures.toolsPcrFile(quote.pcrValues()));

        Result ok = checkquote(dir, pub, msg, sig, pcrs, HEX.formatHex(nonce));
        assertEquals(0, ok.exit(), "tpm2_checkquote refused our quote:\n" + ok.output());
        // It echoes the PCRs it hashed: ours, read from our file.
        assertTrue(ok.output().toLowerCase().contains(HEX.formatHex(tpm.pcr(19))), ok.output());

        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= 1;
        assertNotEquals(0, checkquote(dir, pub, msg, sig, pcrs, HEX.formatHex(otherNonce)).exit(),
                "a replayed quote (other nonce) must be refused");

        Map<Integer, byte[]> forged = new java.util.TreeMap<>(quote.pcrValues());
        forged.put(19, MeasuredBoot.expectedPcrs("TrustpoolBIOS", "1.0", "OtherVMM", "9").get(19));
        Path forgedPcrs = write(dir.resolve("forged.pcrs"), TpmStructures.toolsPcrFile(forged));
        assertNotEquals(0, checkquote(dir, pub, msg, sig, forgedPcrs, HEX.formatHex(nonce)).exit(),
                "PCR values that do not match the signed digest must be refused");

        KeyPair other = AikStore.generate();
        Path otherPub = write(dir.resolve("other.pub"), Pem.publicKey(other.getPublic()).getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(0, checkquote(dir, otherPub, msg, sig, pcrs, HEX.formatHex(nonce)).exit(),
                "a quote checked against another host's AIK must be refused");

        byte[] altered = quote.attest().clone();
        altered[altered.length - 1] ^= 1;
        Path alteredMsg = write(dir.resolve("altered.msg"), altered);
        assertNotEquals(0, checkquote(dir, pub, alteredMsg, sig, pcrs, HEX.formatHex(nonce)).exit(),
                "an altered quote must be refused");
    }

    @Test
    void realSwtpmQuoteHasExactlyOurLayout(@TempDir Path dir) throws Exception {
        for (String tool : List.of("swtpm", "tpm2_createek", "tpm2_createak", "tpm2_flushcontext", "tpm2_pcrextend",
                "tpm2_quote")) {
            Tools.require(List.of(tool));
        }
        Path state = Files.createDirectories(dir.resolve("state")).toAbsolutePath();
        Swtpm swtpm = Swtpm.start(state, dir.resolve("swtpm.log"));
        try {
            String tcti = "swtpm:host=127.0.0.1,port=" + swtpm.port();
            tool(dir, tcti, "tpm2_createek", "-c", "ek.ctx", "-G", "rsa", "-u", "ek.pub");
            tool(dir, tcti, "tpm2_flushcontext", "-t");
            tool(dir, tcti, "tpm2_createak", "-C", "ek.ctx", "-c", "ak.ctx", "-G", "rsa", "-g", "sha256", "-s", "rsassa",
                    "-u", "ak.pub", "-f", "pem", "-n", "ak.name");
            // No resource manager in between: flush, or the TPM runs out of object slots.
            tool(dir, tcti, "tpm2_flushcontext", "-t");
            tool(dir, tcti, "tpm2_flushcontext", "-s");

            // Replay our BIOS measurement log into the real TPM, and the same into ours.
            SoftwareTpm ours = new SoftwareTpm(AikStore.generate());
            for (MeasuredBoot.Event e : MeasuredBoot.events(SimulatorOptions.defaultPlatform())) {
                if (e.pcr() < 8) { // PCR 17-19 need locality 4 (a TXT launch) on a real TPM
                    tool(dir, tcti, "tpm2_pcrextend", e.pcr() + ":sha256=" + HEX.formatHex(e.digest()));
                    ours.extend(e.pcr(), e.digest());
                }
            }
            byte[] aa = new byte[32];
            Arrays.fill(aa, (byte) 0xaa);
            tool(dir, tcti, "tpm2_pcrextend", "16:sha256=" + HEX.formatHex(aa));
            ours.extend(16, aa);

            byte[] nonce = new byte[20];
            new SecureRandom().nextBytes(nonce);
            tool(dir, tcti, "tpm2_quote", "-c", "ak.ctx", "-l", "sha256:0,1,2,3,4,5,6,7,16", "-q", HEX.formatHex(nonce),
                    "-m", "quote.msg", "-s", "quote.sig", "-o", "quote.pcrs", "-g", "sha256");

            byte[] theirMsg = Files.readAllBytes(dir.resolve("quote.msg"));
            byte[] theirSig = Files.readAllBytes(dir.resolve("quote.sig"));
            byte[] theirPcrs = Files.readAllBytes(dir.resolve("quote.pcrs"));
            SortedSet<Integer> selection = new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 16));
            Tpm.Quote quote = ours.quote(nonce, selection);

            // 1. Field by field, the real quote parses with the layout we write.
            TpmStructures.Attest real = TpmStructures.parseAttest(theirMsg);
            TpmStructures.Attest mine = TpmStructures.parseAttest(quote.attest());
            assertEquals(mine.magic(), real.magic());
            assertEquals(mine.type(), real.type());
            assertEquals(mine.qualifiedSigner().length, real.qualifiedSigner().length);
            assertArrayEquals(nonce, real.extraData());
            assertArrayEquals(mine.extraData(), real.extraData());
            assertEquals(mine.safe(), real.safe());
            assertEquals(theirMsg.length, quote.attest().length, "same total size");
            // 2. Same PCR state, same nonce: the TPMS_QUOTE_INFO (selection + digest) is byte-identical.
            assertArrayEquals(real.quoteInfoBytes(), mine.quoteInfoBytes());
            assertArrayEquals(Arrays.copyOfRange(theirMsg, theirMsg.length - 44, theirMsg.length),
                    Arrays.copyOfRange(quote.attest(), quote.attest().length - 44, quote.attest().length));

            // 3. A real TPM replaying our boot log ends at our whitelist values.
            Map<Integer, byte[]> theirValues = TpmStructures.readToolsPcrFile(theirPcrs);
            Map<Integer, byte[]> good = MeasuredBoot.expectedPcrs("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0");
            for (int pcr = 0; pcr < 8; pcr++) {
                assertArrayEquals(good.get(pcr), theirValues.get(pcr), "PCR " + pcr);
            }
            // 4. Our PCR file is byte-identical to tpm2_quote's, so checkquote reads ours as its own.
            assertArrayEquals(theirPcrs, TpmStructures.toolsPcrFile(quote.pcrValues()));

            // 5. The real signature has our TPMT_SIGNATURE layout and verifies with plain java.security.
            TpmStructures.RsaSignature realSig = TpmStructures.parseSignature(theirSig);
            TpmStructures.RsaSignature mySig = TpmStructures.parseSignature(quote.signature());
            assertEquals(mySig.sigAlg(), realSig.sigAlg());
            assertEquals(mySig.hashAlg(), realSig.hashAlg());
            assertEquals(theirSig.length, quote.signature().length);
            PublicKey ak = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                    Pem.decode("PUBLIC KEY", Files.readString(dir.resolve("ak.pub")))));
            assertTrue(SoftwareTpmTest.verify(ak, theirMsg, realSig.signature()));

            // 6. We name an AIK exactly as the TPM names it.
            assertArrayEquals(Files.readAllBytes(dir.resolve("ak.name")), SoftwareTpm.nameOf((RSAPublicKey) ak));
        } finally {
            swtpm.close();
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------

    record Result(int exit, String output) {
    }

    private static Result checkquote(Path dir, Path pub, Path msg, Path sig, Path pcrs, String nonceHex) throws Exception {
        return run(dir, null, List.of("tpm2_checkquote", "-u", pub.toString(), "-m", msg.toString(), "-s", sig.toString(),
                "-f", pcrs.toString(), "-g", "sha256", "-q", nonceHex));
    }

    private static void tool(Path dir, String tcti, String... command) throws Exception {
        Result r = run(dir, tcti, List.of(command));
        assertEquals(0, r.exit(), String.join(" ", command) + " failed:\n" + r.output());
    }

    private static Result run(Path dir, String tcti, List<String> command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("TPM2TOOLS_TCTI");
        if (tcti != null) {
            builder.environment().put("TPM2TOOLS_TCTI", tcti);
        }
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    /** swtpm as a child process (not --daemon), so we own it and stop it by its handle. */
    private record Swtpm(Process process, int port) implements AutoCloseable {

        static Swtpm start(Path state, Path log) throws Exception {
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 5; attempt++) { // free-port probing can race with others
                int port = freePort();
                int ctrl = port + 1; // the swtpm TCTI always looks for the control channel there
                Process p = new ProcessBuilder("swtpm", "socket", "--tpm2", "--tpmstate", "dir=" + state,
                        "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                        "--ctrl", "type=tcp,port=" + ctrl + ",bindaddr=127.0.0.1",
                        "--flags", "not-need-init,startup-clear")
                        .redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (p.isAlive() && System.nanoTime() < deadline) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                        return new Swtpm(p, port);
                    } catch (IOException notYet) {
                        Thread.sleep(50);
                    }
                }
                p.destroyForcibly();
                last = new IllegalStateException("swtpm did not start: " + Files.readString(log));
            }
            throw last;
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
