package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host.getQuote and Host.tamper over real HTTP, verified the way the attestation service will. */
class QuoteRpcTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<Integer> DEMO_PCRS = List.of(0, 1, 2, 3, 4, 5, 6, 7, 17, 18, 19);
    private static final String NONCE = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private final Rpc rpc = new Rpc();

    @Test
    void quoteOverHttpVerifiesLikeTheServiceWill() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(2).withTamper(Set.of("host-02")))) {
            Map<Integer, byte[]> good = MeasuredBoot.expectedPcrs("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0");
            JsonNode result = rpc.result(sim.hosts().get(0).url(), "Host.getQuote", "nonce", NONCE, "pcrs", DEMO_PCRS);
            assertEquals(List.of("quote", "signature", "pcrValues", "hashAlg", "aikPublicPem"), fieldNames(result));
            assertEquals("sha256", result.get("hashAlg").asText());
            PublicKey aik = verified(result, NONCE, DEMO_PCRS);
            assertEquals(sim.hosts().get(0).host().tpm().aikPublic(), aik);
            for (int pcr : DEMO_PCRS) {
                assertEquals(HEX.formatHex(good.get(pcr)), result.at("/pcrValues/" + pcr).asText(), "PCR " + pcr);
            }

            // The tampered host signs honestly, but its PCR 19 is not the known-good one.
            JsonNode bad = rpc.result(sim.hosts().get(1).url(), "Host.getQuote", "nonce", NONCE, "pcrs", DEMO_PCRS);
            PublicKey aik2 = verified(bad, NONCE, DEMO_PCRS);
            assertNotEquals(aik, aik2, "each host has its own AIK");
            assertNotEquals(HEX.formatHex(good.get(19)), bad.at("/pcrValues/19").asText());
            assertEquals(HEX.formatHex(good.get(18)), bad.at("/pcrValues/18").asText());
        }
    }

    /** Checks signature, nonce, selection and digest; returns the AIK from the answer. */
    static PublicKey verified(JsonNode result, String nonceHex, List<Integer> pcrs) throws Exception {
        byte[] attest = Base64.getDecoder().decode(result.get("quote").asText());
        TpmStructures.RsaSignature sig = TpmStructures.parseSignature(
                Base64.getDecoder().decode(result.get("signature").asText()));
        PublicKey aik = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Pem.decode("PUBLIC KEY", result.get("aikPublicPem").asText())));
        assertTrue(result.get("aikPublicPem").asText().startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertTrue(SoftwareTpmTest.verify(aik, attest, sig.signature()), "signature");
        TpmStructures.Attest a = TpmStructures.parseAttest(attest);
        assertEquals(nonceHex, HEX.formatHex(a.extraData()));
        assertEquals(pcrs, new ArrayList<>(a.selectedPcrs()));
        assertEquals(pcrs.stream().map(String::valueOf).toList(), fieldNames(result.get("pcrValues")));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int pcr : pcrs) {
            sha.update(HEX.parseHex(result.get("pcrValues").get(String.valueOf(pcr)).asText()));
        }
        assertArrayEquals(sha.digest(), a.pcrDigest(), "digest over the reported values");
        return aik;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"pcrs\":[0]}",
            "{\"nonce\":\"00112233445566778899aabbccddee\",\"pcrs\":[0]}",        // 15 bytes
            "{\"nonce\":\"" + "00" + "\",\"pcrs\":[0]}",
            "{\"nonce\":\"0011223344556677889900112233445\",\"pcrs\":[0]}",       // odd length
            "{\"nonce\":\"zz112233445566778899aabbccddeeff\",\"pcrs\":[0]}",
            "{\"nonce\":\"0x112233445566778899aabbccddeeff\",\"pcrs\":[0]}",
            "{\"nonce\":12,\"pcrs\":[0]}",
            "{\"nonce\":\"00112233445566778899aabbccddeeff\"}",
            "{\"nonce\":\"00112233445566778899aabbccddeeff\",\"pcrs\":[]}",
            "{\"nonce\":\"00112233445566778899aabbccddeeff\",\"pcrs\":[24]}",
            "{\"nonce\":\"00112233445566778899aabbccddeeff\",\"pcrs\":[-1]}",
            "{\"nonce\":\"00112233445566778899aabbccddeeff\",\"pcrs\":[1,1]}",
            "{\"nonce\":\"00112233445566778899aabbccddeeff\",\"pcrs\":[\"0\"]}",
            "{\"nonce\":\"00112233445566778899aabbccddeeff\",\"pcrs\":[1.5]}",
            "{\"nonce\":\"00112233445566778899aabbccddeeff\",\"pcrs\":0}"})
    void badQuoteParamsAreInvalidParams(String params) throws IOException {
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1))) {
            JsonNode response = rpc.raw(sim.hosts().get(0).url(),
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Host.getQuote\",\"params\":" + params + "}");
            assertEquals(-32602, response.at("/error/code").asInt(), response::toString);
        }
    }

    @Test
    void nonceLimitsAreInclusive() throws IOException {
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1))) {
            URI url = sim.hosts().get(0).url();
            rpc.result(url, "Host.getQuote", "nonce", "ab".repeat(16), "pcrs", List.of(23));
            rpc.result(url, "Host.getQuote", "nonce", "AB".repeat(64), "pcrs", List.of(0));
            assertEquals(-32602, rpc.error(url, "Host.getQuote", "nonce", "ab".repeat(65), "pcrs", List.of(0))
                    .get("code").asInt());
        }
    }

    @Test
    void tamperIsMethodNotFoundUnlessAllowed() throws IOException {
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1))) {
            JsonNode error = rpc.error(sim.hosts().get(0).url(), "Host.tamper", "pcr", 19, "digest", "00".repeat(32));
            assertEquals(-32601, error.get("code").asInt());
            assertArrayEquals(MeasuredBoot.expectedPcrs("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0").get(19),
                    sim.hosts().get(0).host().tpm().pcr(19), "nothing changed");
        }
    }

    @Test
    void tamperControlExtendsARunningHostsPcr() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withTamperControl(true))) {
            URI url = sim.hosts().get(0).url();
            String before = rpc.result(url, "Host.getQuote", "nonce", NONCE, "pcrs", DEMO_PCRS).at("/pcrValues/19").asText();
            String digest = "11".repeat(32);
            JsonNode tampered = rpc.result(url, "Host.tamper", "pcr", 19, "digest", digest);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HEX.parseHex(before));
            sha.update(HEX.parseHex(digest));
            String expected = HEX.formatHex(sha.digest());
            assertEquals(19, tampered.get("pcr").asInt());
            assertEquals(expected, tampered.get("value").asText());
            JsonNode after = rpc.result(url, "Host.getQuote", "nonce", NONCE, "pcrs", DEMO_PCRS);
            verified(after, NONCE, DEMO_PCRS);
            assertEquals(expected, after.at("/pcrValues/19").asText());

            assertEquals(-32602, rpc.error(url, "Host.tamper", "pcr", 24, "digest", digest).get("code").asInt());
            assertEquals(-32602, rpc.error(url, "Host.tamper", "pcr", 19, "digest", "11").get("code").asInt());
            assertEquals(-32602, rpc.error(url, "Host.tamper", "digest", digest).get("code").asInt());
        }
    }

    /** Host.heal reboots into the good chain: every measured PCR is the whitelist's again, the quote still verifies. */
    @Test
    void healRebootsATamperedHostIntoItsGoodBootChain() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withTamperControl(true))) {
            URI url = sim.hosts().get(0).url();
            rpc.result(url, "Host.tamper", "pcr", 19, "digest", "22".repeat(32));
            Map<Integer, byte[]> good = MeasuredBoot.expectedPcrs("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0");
            assertFalse(java.util.Arrays.equals(good.get(19), sim.hosts().get(0).host().tpm().pcr(19)), "tampered first");
            JsonNode healed = rpc.result(url, "Host.heal");
            assertEquals(HEX.formatHex(good.get(19)), healed.get("pcr19").asText());
            JsonNode quote = rpc.result(url, "Host.getQuote", "nonce", NONCE, "pcrs", DEMO_PCRS);
            verified(quote, NONCE, DEMO_PCRS);
            for (int pcr : DEMO_PCRS) {
                assertEquals(HEX.formatHex(good.get(pcr)), quote.at("/pcrValues/" + pcr).asText(), "PCR " + pcr);
            }
        }
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1))) {
            assertEquals(-32601, rpc.error(sim.hosts().get(0).url(), "Host.heal").get("code").asInt(), "not without tamper control");
        }
    }

    @Test
    void delayedQuoteLetsAClientTimeOut() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withDelayQuoteMs(3_000))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Host.getQuote\",\"params\":{\"nonce\":\""
                    + NONCE + "\",\"pcrs\":[0]}}";
            HttpRequest request = HttpRequest.newBuilder(sim.hosts().get(0).url())
                    .timeout(Duration.ofMillis(300))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            assertThrows(HttpTimeoutException.class, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
            // Other methods are not delayed.
            rpc.result(sim.hosts().get(0).url(), "Host.getCapabilities");
        }
        try (Simulator sim = Simulator.start(SimulatorOptions.ephemeral(1).withDelayQuoteMs(400))) {
            long start = System.nanoTime();
            rpc.result(sim.hosts().get(0).url(), "Host.getQuote", "nonce", NONCE, "pcrs", List.of(0));
            assertTrue(System.nanoTime() - start >= 400_000_000L, "answered before the configured delay");
        }
    }

    @Test
    void aikPersistsAcrossRestartsWithDataDir(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        List<String> first = aikPems(SimulatorOptions.ephemeral(2).withDataDir(data));
        List<String> second = aikPems(SimulatorOptions.ephemeral(2).withDataDir(data));
        assertEquals(first, second);
        assertNotEquals(first.get(0), first.get(1));
        assertEquals(first.get(0), Files.readString(data.resolve("host-01-aik.pub")));
        assertTrue(Files.readString(data.resolve("host-01-aik.pkcs8")).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("host-01-aik.pkcs8"))),
                "the private key is readable by its owner only");

        assertNotEquals(aikPems(SimulatorOptions.ephemeral(1)), aikPems(SimulatorOptions.ephemeral(1)),
                "without --data-dir every start gets a fresh key");
    }

    @Test
    void aikStoreRepairsAMissingPublicFileButRefusesAMismatch(@TempDir Path dir) throws Exception {
        AikStore store = new AikStore(dir);
        var pair = store.loadOrCreate("h");
        Files.delete(dir.resolve("h-aik.pub"));
        assertEquals(pair.getPublic(), store.loadOrCreate("h").getPublic());
        assertTrue(Files.exists(dir.resolve("h-aik.pub")));

        Files.writeString(dir.resolve("h-aik.pub"), Pem.publicKey(AikStore.generate().getPublic()));
        IOException e = assertThrows(IOException.class, () -> store.loadOrCreate("h"));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());

        Files.delete(dir.resolve("h-aik.pkcs8"));
        e = assertThrows(IOException.class, () -> store.loadOrCreate("h"));
        assertTrue(e.getMessage().contains("without its private key"), e.getMessage());

        Files.writeString(dir.resolve("host-01-aik.pkcs8"), "garbage");
        IOException s = assertThrows(IOException.class, () -> Simulator.start(SimulatorOptions.ephemeral(1).withDataDir(dir)));
        assertTrue(s.getMessage().contains("host-01-aik.pkcs8"), s.getMessage());
    }

    private List<String> aikPems(SimulatorOptions options) throws IOException {
        try (Simulator sim = Simulator.start(options)) {
            return sim.hosts().stream().map(h -> rpc.result(h.url(), "Host.getQuote", "nonce", NONCE, "pcrs", List.of(0))
                    .get("aikPublicPem").asText()).toList();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
