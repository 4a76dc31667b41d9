package org.trustpool.common.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;

class TrustWordsTest {
    private static final String EXPECTED = "3f2a9c1d" + "0".repeat(52) + "91c0";
    private static final String SEEN = "8b1e44a0" + "f".repeat(52) + "02aa";
    /** What the attestation service's whitelist check says, whole digests and all. */
    private static final String REASON = "PCR 19 does not match VMM 'TrustpoolVMM' 1.0 (MLE 3): expected " + EXPECTED + ", seen " + SEEN;

    @Test
    void digestsAreCutToTheirEndsAndEverythingElseIsKept() {
        assertEquals("PCR 19 does not match VMM 'TrustpoolVMM' 1.0 (MLE 3): expected 3f2a9c1d…91c0, seen 8b1e44a0…02aa",
                TrustWords.shorten(REASON));
    }

    @Test
    void shortHexAndOrdinaryWordsStay() {
        assertEquals("PCR 0 differs; MLE deadbeef 12 of cafe", TrustWords.shorten("PCR 0 differs; MLE deadbeef 12 of cafe"));
        assertNull(TrustWords.shorten(null));
    }

    @Test
    void aVeryLongReasonIsCutToOneReadableLine() {
        String many = ("PCR 17 differs from BIOS 'x' and ").repeat(30);
        String cut = TrustWords.shorten(many);
        assertEquals(TrustWords.LONGEST_REASON, cut.length());
        assertTrue(cut.endsWith("…"), cut);
    }

    @Test
    void theStateSaysTheLevelInWordsWithTheShortReason() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals("untrusted (PCR 19 does not match VMM 'TrustpoolVMM' 1.0 (MLE 3): expected 3f2a9c1d…91c0, seen 8b1e44a0…02aa)",
                TrustWords.state(new HostTrust(id, TrustLevel.UNTRUSTED, now, REASON, now)));
        assertEquals("not attested in time (no answer in 5 s)",
                TrustWords.state(new HostTrust(id, TrustLevel.TIMEOUT, now, "no answer in 5 s", now)));
        assertEquals("not attested", TrustWords.state(new HostTrust(id, TrustLevel.UNKNOWN, null, null, now)));
        assertEquals("not attested (no verdict)", TrustWords.state(null));
    }
}
