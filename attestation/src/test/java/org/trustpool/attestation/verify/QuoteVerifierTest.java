package org.trustpool.attestation.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trustpool.attestation.testing.SimulatedTpm;

class QuoteVerifierTest {

    private static KeyPair hostKey;
    private static KeyPair otherKey;
    private final QuoteVerifier verifier = new QuoteVerifier();
    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void keys() {
        hostKey = SimulatedTpm.newAik();
        otherKey = SimulatedTpm.newAik();
    }

    private SimulatedTpm bootedTpm() {
        SimulatedTpm tpm = new SimulatedTpm(hostKey);
        for (int i = 0; i < 8; i++) {
            tpm.extend(i, "TrustpoolBIOS 1.0 component " + i);
        }
        tpm.extend(17, "TXT SINIT").extend(18, "TrustpoolVMM 1.0 kernel").extend(19, "initrd");
        return tpm;
    }

    private CheckResult verify(Challenge challenge, Evidence evidence) {
        return verifier.verify(challenge, evidence, (java.security.PublicKey) hostKey.getPublic());
    }

    @Test
    void genuineQuotePasses() {
        Challenge c = Challenge.fresh(random);
        CheckResult r = verify(c, bootedTpm().quote(c.nonce(), c.pcrs()));
        assertTrue(r.passed(), () -> r.check() + ": " + r.reason());
    }

    @Test
    void replayedQuoteWithOldNonceFails() {
        SimulatedTpm tpm = bootedTpm();
        Challenge earlier = Challenge.fresh(random);
        Evidence recorded = tpm.quote(earlier.nonce(), earlier.pcrs());
        Challenge now = Challenge.fresh(random);
        CheckResult r = verify(now, recorded);
        assertFalse(r.passed());
        assertEquals("nonce", r.check(), r.reason());
        assertTrue(r.reason().contains("replayed"), r.reason());
    }

    @Test
    void quoteSignedByAnotherKeyFails() {
        Challenge c = Challenge.fresh(random);
        // an impostor with its own TPM, same measurements, same nonce: only the key differs
        SimulatedTpm impostor = new SimulatedTpm(otherKey);
        SimulatedTpm honest = bootedTpm();
        for (int i : c.pcrs()) {
            impostor.extend(i, new byte[0]);
        }
        Evidence good = honest.quote(c.nonce(), c.pcrs());
        Evidence forged = new Evidence(good.quote(), SimulatedTpm.signature(otherKey, good.quote()), good.pcrValues(), "sha256");
        CheckResult r = verify(c, forged);
        assertEquals("signature", r.check(), r.reason());
        assertTrue(r.reason().contains("registered"), r.reason());
    }

    @Test
    void alteredQuoteBytesFailTheSignature() {
        Challenge c = Challenge.fresh(random);
        Evidence good = bootedTpm().quote(c.nonce(), c.pcrs());
        byte[] quote = good.quote();
        // clock.resetCount: a field no other check looks at, so only the signature can notice
        int resetCountOffset = 4 + 2 + 2 + 34 + 2 + 32 + 8;
        quote[resetCountOffset + 3] ^= 1;
        CheckResult r = verify(c, new Evidence(quote, good.signature(), good.pcrValues(), "sha256"));
        assertEquals("signature", r.check(), r.reason());
    }

    @Test
    void pcrValueChangedAfterQuotingFailsTheDigest() {
        Challenge c = Challenge.fresh(random);
        Evidence good = bootedTpm().quote(c.nonce(), c.pcrs());
        SortedMap<Integer, byte[]> values = new TreeMap<>(good.pcrValues());
        byte[] pcr18 = values.get(18).clone();
        pcr18[0] ^= 0x55;
        values.put(18, pcr18);
        CheckResult r = verify(c, new Evidence(good.quote(), good.signature(), values, "sha256"));
        assertEquals("pcr-digest", r.check(), r.reason());
        assertTrue(r.reason().contains("not the quoted ones"), r.reason());
    }

    @Test
    void digestThatDoesNotMatchTheValuesFails() {
        Challenge c = Challenge.fresh(random);
        SimulatedTpm tpm = bootedTpm();
        SortedMap<Integer, byte[]> values = tpm.values(c.pcrs());
        byte[] wrongDigest = new byte[32];
        Arrays.fill(wrongDigest, (byte) 7);
        // signed correctly, so only the digest comparison can catch it
        byte[] attest = SimulatedTpm.attest(c.nonce(), c.pcrs(), wrongDigest);
        CheckResult r = verify(c, new Evidence(attest, SimulatedTpm.signature(hostKey, attest), values, "sha256"));
        assertEquals("pcr-digest", r.check(), r.reason());
        assertTrue(r.reason().contains("0707"), r.reason());
    }

    @Test
    void quoteOverOtherPcrsThanRequestedFails() {
        Challenge c = Challenge.fresh(random);
        SimulatedTpm tpm = bootedTpm();
        TreeSet<Integer> fewer = new TreeSet<>(c.pcrs());
        fewer.remove(18);
        Evidence e = tpm.quote(c.nonce(), fewer);
        SortedMap<Integer, byte[]> values = new TreeMap<>(e.pcrValues());
        values.put(18, tpm.pcr(18));
        CheckResult r = verify(c, new Evidence(e.quote(), e.signature(), values, "sha256"));
        assertEquals("pcr-selection", r.check(), r.reason());
    }

    @Test
    void quoteFromAnotherBankFails() {
        Challenge c = Challenge.fresh(random);
        SimulatedTpm tpm = bootedTpm();
        SortedMap<Integer, byte[]> values = tpm.values(c.pcrs());
        byte[] attest = SimulatedTpm.attest(0xff544347L, 0x8018, c.nonce(), 0x0004, c.pcrs(), 3, SimulatedTpm.digest(values));
        CheckResult r = verify(c, new Evidence(attest, SimulatedTpm.signature(hostKey, attest), values, "sha256"));
        assertEquals("pcr-selection", r.check(), r.reason());
        assertTrue(r.reason().contains("0x0004"), r.reason());
    }

    @Test
    void missingPcrValueFails() {
        Challenge c = Challenge.fresh(random);
        Evidence e = bootedTpm().quote(c.nonce(), c.pcrs());
        SortedMap<Integer, byte[]> values = new TreeMap<>(e.pcrValues());
        values.remove(0);
        CheckResult r = verify(c, new Evidence(e.quote(), e.signature(), values, "sha256"));
        assertEquals("pcr-values", r.check(), r.reason());
    }

    @Test
    void wrongMagicAndTypeFailWithTheirOwnReasons() {
        Challenge c = Challenge.fresh(random);
        SortedMap<Integer, byte[]> values = bootedTpm().values(c.pcrs());
        byte[] notGenerated = SimulatedTpm.attest(0x11223344L, 0x8018, c.nonce(), 0x000b, c.pcrs(), 3, SimulatedTpm.digest(values));
        CheckResult magic = verify(c, new Evidence(notGenerated, SimulatedTpm.signature(hostKey, notGenerated), values, "sha256"));
        assertEquals("magic", magic.check(), magic.reason());
        assertTrue(magic.reason().contains("0x11223344"), magic.reason());

        byte[] certify = SimulatedTpm.attest(0xff544347L, 0x8017, c.nonce(), 0x000b, c.pcrs(), 3, SimulatedTpm.digest(values));
        CheckResult type = verify(c, new Evidence(certify, SimulatedTpm.signature(hostKey, certify), values, "sha256"));
        assertEquals("type", type.check(), type.reason());
    }

    @Test
    void truncatedQuoteFailsAsStructure() {
        Challenge c = Challenge.fresh(random);
        Evidence e = bootedTpm().quote(c.nonce(), c.pcrs());
        byte[] truncated = Arrays.copyOf(e.quote(), e.quote().length - 5);
        CheckResult r = verify(c, new Evidence(truncated, e.signature(), e.pcrValues(), "sha256"));
        assertEquals("structure", r.check(), r.reason());
        assertTrue(r.reason().contains("truncated"), r.reason());
    }

    @Test
    void trailingBytesFailAsStructure() {
        Challenge c = Challenge.fresh(random);
        Evidence e = bootedTpm().quote(c.nonce(), c.pcrs());
        byte[] longer = Arrays.copyOf(e.quote(), e.quote().length + 3);
        CheckResult r = verify(c, new Evidence(longer, SimulatedTpm.signature(hostKey, longer), e.pcrValues(), "sha256"));
        assertEquals("structure", r.check(), r.reason());
        assertTrue(r.reason().contains("trailing"), r.reason());
    }

    @Test
    void oversizedLengthFieldIsRefusedBeforeReading() {
        Challenge c = Challenge.fresh(random);
        Evidence e = bootedTpm().quote(c.nonce(), c.pcrs());
        byte[] q = e.quote();
        // qualifiedSigner.size := 0xffff
        q[6] = (byte) 0xff;
        q[7] = (byte) 0xff;
        CheckResult r = verify(c, new Evidence(q, e.signature(), e.pcrValues(), "sha256"));
        assertEquals("structure", r.check(), r.reason());
        assertTrue(r.reason().contains("at most"), r.reason());
    }

    @Test
    void garbledSignatureStructureFails() {
        Challenge c = Challenge.fresh(random);
        Evidence e = bootedTpm().quote(c.nonce(), c.pcrs());
        byte[] sig = e.signature();
        CheckResult truncated = verify(c, new Evidence(e.quote(), Arrays.copyOf(sig, 100), e.pcrValues(), "sha256"));
        assertEquals("signature-format", truncated.check(), truncated.reason());
        sig[1] = 0x16; // RSAPSS
        CheckResult pss = verify(c, new Evidence(e.quote(), sig, e.pcrValues(), "sha256"));
        assertEquals("signature-format", pss.check(), pss.reason());
    }

    @Test
    void everyPrefixAndRandomCorruptionGivesAReasonNeverAnException() {
        Challenge c = Challenge.fresh(random);
        Evidence e = bootedTpm().quote(c.nonce(), c.pcrs());
        for (int len = 0; len < e.quote().length; len++) {
            CheckResult r = verify(c, new Evidence(Arrays.copyOf(e.quote(), len), e.signature(), e.pcrValues(), "sha256"));
            assertFalse(r.passed());
            assertNotNull(r.reason());
        }
        Random seeded = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] q = e.quote();
            byte[] s = e.signature();
            for (int flips = 1 + seeded.nextInt(4); flips > 0; flips--) {
                if (seeded.nextBoolean()) {
                    q[seeded.nextInt(q.length)] = (byte) seeded.nextInt(256);
                } else {
                    s[seeded.nextInt(s.length)] = (byte) seeded.nextInt(256);
                }
            }
            CheckResult r = verify(c, new Evidence(q, s, e.pcrValues(), "sha256"));
            if (!Arrays.equals(q, e.quote()) || !Arrays.equals(s, e.signature())) {
                assertFalse(r.passed(), "a corrupted quote passed");
            }
            assertTrue(r.passed() || r.reason() != null);
        }
        byte[] garbage = new byte[300];
        seeded.nextBytes(garbage);
        CheckResult r = verify(c, new Evidence(garbage, garbage, e.pcrValues(), "sha256"));
        assertFalse(r.passed());
    }

    @Test
    void otherBankNameFails() {
        Challenge c = Challenge.fresh(random);
        Evidence e = bootedTpm().quote(c.nonce(), c.pcrs());
        CheckResult r = verify(c, new Evidence(e.quote(), e.signature(), e.pcrValues(), "sha1"));
        assertEquals("pcr-selection", r.check(), r.reason());
    }
}
