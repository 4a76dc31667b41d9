package org.trustpool.hostagent;

import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftwareTpmTest {

    private static final HexFormat HEX = HexFormat.of();
    /** Shared: RSA key generation is the slow part, and no test here depends on a fresh key. */
    private static final KeyPair AIK = AikStore.generate();
    private static final KeyPair OTHER = AikStore.generate();
    private static final SortedSet<Integer> DEMO_PCRS = new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 17, 18, 19));

    private final SoftwareTpm tpm = new SoftwareTpm(AIK);

    @Test
    void pcrsStartAtZeroAndExtendIsShaOfOldConcatDigest() throws Exception {
        for (int i = 0; i < SoftwareTpm.PCR_COUNT; i++) {
            assertArrayEquals(new byte[32], tpm.pcr(i));
        }
        byte[] abc = MessageDigest.getInstance("SHA-256").digest("abc".getBytes());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HEX.formatHex(abc));
        // SHA-256(32 zero bytes || SHA-256("abc")), computed independently (Python hashlib).
        assertEquals("589f9ffed4c477966bfb8d41f37895b08c69047df8f911d6f3b57fbe08faee8d",
                HEX.formatHex(tpm.extend(10, abc)));
        assertArrayEquals(HEX.parseHex("589f9ffed4c477966bfb8d41f37895b08c69047df8f911d6f3b57fbe08faee8d"), tpm.pcr(10));
        assertArrayEquals(new byte[32], tpm.pcr(11), "other PCRs are untouched");
    }

    @Test
    void extendAndQuoteDigestMatchAValueProducedByARealSwtpm() {
        // Recorded from swtpm + tpm2-tools 5.4 (RECIPES.md): tpm2_pcrextend 16:sha256=aa..aa, then
        // tpm2_quote -l sha256:0,1,16 reported this PCR 16 and this calcDigest.
        byte[] aa = new byte[32];
        java.util.Arrays.fill(aa, (byte) 0xaa);
        tpm.extend(16, aa);
        assertEquals("9ef814b42fa0be12d197c44d3e8e03441a4b1118237658368ba1351090e556ed", HEX.formatHex(tpm.pcr(16)));
        Tpm.Quote quote = tpm.quote(new byte[16], new TreeSet<>(List.of(0, 1, 16)));
        assertEquals("ad5b17d50a25958f81c502475962326d1c6540a1213cf89e21755d3be1eafa96",
                HEX.formatHex(TpmStructures.parseAttest(quote.attest()).pcrDigest()));
    }

    @Test
    void quoteIsATpmsAttestFieldByField() throws Exception {
        MeasuredBoot.boot(tpm, SimulatorOptions.defaultPlatform(), false);
        byte[] nonce = HEX.parseHex("00112233445566778899aabbccddeeff0123456789abcdef");
        Tpm.Quote quote = tpm.quote(nonce, DEMO_PCRS);

        TpmStructures.Attest a = TpmStructures.parseAttest(quote.attest());
        assertEquals(0xff544347L, a.magic(), "TPM_GENERATED_VALUE");
        assertEquals(0x8018, a.type(), "TPM_ST_ATTEST_QUOTE");
        assertArrayEquals(tpm.aikName(), a.qualifiedSigner());
        assertEquals(34, a.qualifiedSigner().length);
        assertEquals(0x000b, ((a.qualifiedSigner()[0] & 0xff) << 8) | (a.qualifiedSigner()[1] & 0xff));
        assertArrayEquals(nonce, a.extraData(), "the nonce is bound into the signed structure");
        assertTrue(a.clock() >= 0);
        assertEquals(0, a.resetCount());
        assertEquals(0, a.restartCount());
        assertEquals(1, a.safe());
        assertEquals(SoftwareTpm.FIRMWARE_VERSION, a.firmwareVersion());
        assertEquals(1, a.selectionCount());
        assertEquals(0x000b, a.hashAlg());
        assertEquals(3, a.sizeofSelect());
        assertArrayEquals(new byte[] {(byte) 0xff, 0x00, 0x0e}, a.pcrSelect(), "PCR 0-7 -> ff, 17-19 -> bits 1-3 of byte 2");
        assertEquals(DEMO_PCRS, a.selectedPcrs());

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int pcr : DEMO_PCRS) {
            sha.update(tpm.pcr(pcr));
        }
        assertArrayEquals(sha.digest(), a.pcrDigest(), "SHA-256 over the selected PCRs in ascending order");

        assertEquals(DEMO_PCRS, quote.pcrValues().keySet());
        for (int pcr : DEMO_PCRS) {
            assertArrayEquals(tpm.pcr(pcr), quote.pcrValues().get(pcr));
        }
        // 4+2 + 2+34 + 2+24 + 17 + 8 + 4+2+1+3 + 2+32
        assertEquals(137, quote.attest().length);
    }

    @Test
    void signatureIsATpmtSignatureThatVerifiesOnlyWithTheAik() throws Exception {
        Tpm.Quote quote = tpm.quote(new byte[32], DEMO_PCRS);
        TpmStructures.RsaSignature sig = TpmStructures.parseSignature(quote.signature());
        assertEquals(0x0014, sig.sigAlg(), "TPM_ALG_RSASSA");
        assertEquals(0x000b, sig.hashAlg(), "TPM_ALG_SHA256");
        assertEquals(256, sig.signature().length);
        assertEquals(2 + 2 + 2 + 256, quote.signature().length);

        assertTrue(verify(AIK.getPublic(), quote.attest(), sig.signature()));
        assertFalse(verify(OTHER.getPublic(), quote.attest(), sig.signature()), "another key must not verify");
        byte[] altered = quote.attest().clone();
        altered[altered.length - 1] ^= 1; // one bit of the PCR digest
        assertFalse(verify(AIK.getPublic(), altered, sig.signature()), "an altered quote must not verify");
    }

    @Test
    void differentNonceOrStateGivesDifferentQuote() {
        Tpm.Quote q1 = tpm.quote(new byte[16], DEMO_PCRS);
        byte[] other = new byte[16];
        other[0] = 1;
        Tpm.Quote q2 = tpm.quote(other, DEMO_PCRS);
        assertNotEquals(HEX.formatHex(TpmStructures.parseAttest(q1.attest()).extraData()),
                HEX.formatHex(TpmStructures.parseAttest(q2.attest()).extraData()));
        byte[] before = TpmStructures.parseAttest(q1.attest()).pcrDigest();
        tpm.extend(19, new byte[32]);
        byte[] after = TpmStructures.parseAttest(tpm.quote(new byte[16], DEMO_PCRS).attest()).pcrDigest();
        assertFalse(java.util.Arrays.equals(before, after), "extending a selected PCR changes the digest");
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> tpm.quote(new byte[15], DEMO_PCRS));
        assertThrows(IllegalArgumentException.class, () -> tpm.quote(new byte[65], DEMO_PCRS));
        assertThrows(IllegalArgumentException.class, () -> tpm.quote(new byte[16], new TreeSet<>()));
        assertThrows(IllegalArgumentException.class, () -> tpm.quote(new byte[16], new TreeSet<>(List.of(24))));
        assertThrows(IllegalArgumentException.class, () -> tpm.extend(-1, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> tpm.extend(0, new byte[20]));
        assertThrows(IllegalArgumentException.class, () -> new SoftwareTpm(smallKey()));
    }

    @Test
    void parserRejectsTruncatedOrPaddedQuotes() {
        byte[] attest = tpm.quote(new byte[16], DEMO_PCRS).attest();
        assertThrows(IllegalArgumentException.class,
                () -> TpmStructures.parseAttest(java.util.Arrays.copyOf(attest, attest.length - 1)));
        assertThrows(IllegalArgumentException.class,
                () -> TpmStructures.parseAttest(java.util.Arrays.copyOf(attest, attest.length + 1)));
    }

    private static KeyPair smallKey() throws GeneralSecurityException {
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return generator.generateKeyPair();
    }

    static boolean verify(PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }
}
