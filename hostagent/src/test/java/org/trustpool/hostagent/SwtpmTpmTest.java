package org.trustpool.hostagent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The swtpm backend against a real swtpm (one instance for the class, manufactured by our local
 * CA): the measured boot ends at the whitelist's values in PCR 0-7 and 17-19 (including the
 * dynamic launch at locality 4), its quotes have our verifier's format and verify with the AK,
 * credential activation recovers a secret we wrapped and refuses one bound to another key, the EK
 * certificate chains to the local CA, and the AK survives a restart of the agent. Needs swtpm,
 * swtpm-tools and tpm2-tools (see {@link Tools}).
 */
class SwtpmTpmTest {

    static final List<String> TOOLS = List.of("swtpm", "swtpm_setup", "swtpm_localca", "tpm2_createak", "tpm2_quote",
            "tpm2_activatecredential", "tpm2_pcrextend", "tpm2_pcrread", "tpm2_readpublic", "tpm2_nvread");
    private static final SortedSet<Integer> DEMO_PCRS = new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 17, 18, 19));

    @TempDir
    static Path dir;
    private static SwtpmLocalCa ca;
    private static SwtpmTpm tpm;

    @BeforeAll
    static void start() throws Exception {
        Tools.require(TOOLS);
        ca = SwtpmLocalCa.ensure(dir.resolve("ca"));
        tpm = SwtpmTpm.start(dir.resolve("host"), ca);
        MeasuredBoot.boot(tpm, SimulatorOptions.defaultPlatform(), false);
    }

    @AfterAll
    static void stop() {
        if (tpm != null) {
            tpm.close();
        }
    }

    @Test
    void measuredBootEndsAtTheWhitelistValues() {
        Map<Integer, byte[]> good = MeasuredBoot.expectedPcrs("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0");
        for (int pcr : DEMO_PCRS) {
            assertArrayEquals(good.get(pcr), tpm.pcr(pcr), "PCR " + pcr);
        }
    }

    @Test
    void quoteIsSignedByTheAkOverTheNonceAndReportedPcrs() throws Exception {
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        Tpm.Quote quote = tpm.quote(nonce, DEMO_PCRS);
        TpmStructures.Attest attest = TpmStructures.parseAttest(quote.attest());
        assertEquals(Integer.toUnsignedLong(SoftwareTpm.TPM_GENERATED_VALUE), attest.magic());
        assertArrayEquals(nonce, attest.extraData());
        assertEquals(DEMO_PCRS, quote.pcrValues().keySet());
        var sha = SoftwareTpm.sha256();
        quote.pcrValues().values().forEach(sha::update);
        assertArrayEquals(sha.digest(), java.util.Arrays.copyOfRange(quote.attest(), quote.attest().length - 32,
                quote.attest().length), "the reported PCR values are the quoted ones");
        TpmStructures.RsaSignature sig = TpmStructures.parseSignature(quote.signature());
        assertTrue(SoftwareTpmTest.verify(tpm.aikPublic(), quote.attest(), sig.signature()));
        assertFalse(SoftwareTpmTest.verify(AikStore.generate().getPublic(), quote.attest(), sig.signature()));
    }

    @Test
    void akIsARestrictedSigningKeyWithTheNameOurSoftwareTpmWouldGiveIt() {
        // same template as tpm2_createak's: our SoftwareTpm computes the identical public area
        assertArrayEquals(SoftwareTpm.akPublicArea(tpm.aikPublic()), tpm.aikPublicArea());
        assertArrayEquals(SoftwareTpm.ekPublicArea(tpm.ekPublic()), tpm.ekPublicArea(), "the default EK template");
    }

    @Test
    void activatesOurCredentialAndRefusesOneBoundToAnotherKey() throws Exception {
        byte[] secret = "credential for the swtpm host 32".getBytes(StandardCharsets.US_ASCII);
        byte[] blob = VerifierSide.makeCredential(tpm.ekPublic(), SoftwareTpm.nameOf(tpm.aikPublic()), secret);
        assertArrayEquals(secret, tpm.activateCredential(blob));
        assertTrue(Files.notExists(dir.resolve("host/work/secret.bin")), "the recovered secret is not left on disk");

        byte[] relayed = VerifierSide.makeCredential(tpm.ekPublic(),
                SoftwareTpm.nameOf((java.security.interfaces.RSAPublicKey) AikStore.generate().getPublic()), secret);
        CredentialActivation.ActivationException e = assertThrows(CredentialActivation.ActivationException.class,
                () -> tpm.activateCredential(relayed));
        assertTrue(e.getMessage().contains("tpm2_activatecredential failed"), e.getMessage());
    }

    @Test
    void ekCertificateIsForThisEkAndChainsToTheLocalCa() throws Exception {
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(
                tpm.ekCertificateChainPem().orElseThrow().getBytes(StandardCharsets.US_ASCII)))
                .forEach(c -> chain.add((X509Certificate) c));
        assertEquals(2, chain.size(), "EK certificate, then swtpm-localca's intermediate");
        assertArrayEquals(tpm.ekPublic().getEncoded(), chain.get(0).getPublicKey().getEncoded());
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(ca.rootCertificate()));
        chain.get(0).verify(chain.get(1).getPublicKey());
        chain.get(1).verify(root.getPublicKey());
    }

    @Test
    void tamperingAPcrChangesItAndARestartMeasuresAfresh() throws Exception {
        byte[] before = tpm.pcr(19);
        byte[] digest = new byte[32];
        digest[0] = 1;
        byte[] after = tpm.extend(19, digest);
        assertNotEquals(HexFormat.of().formatHex(before), HexFormat.of().formatHex(after));
        synchronized (tpm) {
            tpm.restart();
            assertArrayEquals(new byte[32], tpm.pcr(0), "PCR 0 after TPM2_Startup(CLEAR)");
            MeasuredBoot.boot(tpm, SimulatorOptions.defaultPlatform(), false);
        }
        assertArrayEquals(before, tpm.pcr(19));
    }

    @Test
    void aRestartedAgentKeepsItsAttestationKey(@TempDir Path other) throws Exception {
        SwtpmTpm first = SwtpmTpm.start(other.resolve("h"), ca);
        byte[] ak;
        try {
            ak = first.aikPublicArea();
        } finally {
            first.close();
        }
        SwtpmTpm second = SwtpmTpm.start(other.resolve("h"), ca);
        try {
            assertArrayEquals(ak, second.aikPublicArea());
            assertFalse(java.util.Arrays.equals(ak, tpm.aikPublicArea()), "another TPM has another AK");
        } finally {
            second.close();
        }
    }
}
