package org.trustpool.webadmin.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XmlTextTest {
    @Test
    void escapesMarkupInTextAndAttributes() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", XmlText.escape("a <b> & \"c\" 'd'"));
        assertEquals("<name>x&lt;/name&gt;&lt;evil/&gt;</name>", XmlText.element("name", "x</name><evil/>"));
        assertEquals("<host id=\"a&quot;b\"/>", XmlText.ref("host", "a\"b"));
    }

    @Test
    void faultTextIsTheEnginesWordsWithoutTheBrackets() {
        assertEquals("Cannot remove VM. The VM is running; stop it first.",
                XmlText.faultText("Operation Failed", "[Cannot remove VM. The VM is running; stop it first.]"));
        assertEquals("Cluster 'x' not found", XmlText.faultText("Not Found", "Cluster 'x' not found"));
        assertEquals("Unauthorized", XmlText.faultText("Unauthorized", null));
        assertEquals("Operation Failed", XmlText.faultText("Operation Failed", "[]"));
    }

    @Test
    void onlyTheTrustLossRefusalAsksForConfirmation() {
        String trustLoss = "Cannot import VM. VM web1 was exported from a trusted cluster (TrustedService), and cluster"
                + " Default is not trusted: there it would run on any host of that cluster, attested or not. Choose a trusted"
                + " cluster, or confirm (force=true) to import it anyway.";
        String move = "Cannot update VM. VM web1 is in trusted cluster Secure, and cluster Default is not trusted: it keeps"
                + " Run on Trusted Host, so it still starts only on hosts that pass attestation, but the cluster no longer"
                + " requires trust. Choose a trusted cluster, or confirm (force=true) to update it anyway.";
        assertTrue(XmlText.asksToConfirmTrustLoss(409, trustLoss));
        assertTrue(XmlText.asksToConfirmTrustLoss(409, move), "Edit VM's question is the same question");
        assertFalse(XmlText.asksToConfirmTrustLoss(409, "Cannot run VM. No trusted host is available in cluster Secure: host h1 is untrusted (PCR 19 differs)."),
                "a refusal that offers no confirmation is an error");
        assertFalse(XmlText.asksToConfirmTrustLoss(409, "Cannot import VM. The name web1 is already used."));
        assertFalse(XmlText.asksToConfirmTrustLoss(400, trustLoss), "only the engine's conflict answer");
        assertFalse(XmlText.asksToConfirmTrustLoss(409, null));
    }

    @Test
    void timesAndSizesAreShownReadably() {
        assertEquals("2026-11-28 10:00:00", XmlText.time("2026-11-28T10:00:00.123Z"));
        assertEquals("", XmlText.time(null));
        assertEquals("512", XmlText.megabytes("536870912"));
        assertEquals("", XmlText.megabytes(""));
    }

    @Test
    void trustVerdictWithItsAgeAndTheReasonWhenNotTrusted() {
        assertEquals("12 s ago", XmlText.age(12));
        assertEquals("0 s ago", XmlText.age(-3));
        assertEquals("3 min ago", XmlText.age(200));
        assertEquals("2 h ago", XmlText.age(3 * 3600 - 1));
        assertEquals("trusted, 4 s ago", XmlText.trust("trusted", "4 s ago", "all PCRs match"));
        assertEquals("untrusted, 4 s ago: PCR 19 differs", XmlText.trust("untrusted", "4 s ago", " PCR 19 differs"));
        assertEquals("timeout", XmlText.trust("timeout", "", ""));
        assertEquals("", XmlText.trust("", "1 s ago", "x"));
    }

    private static final String DIGEST_A = "3a5f1c2e0d9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b9b0d";
    private static final String DIGEST_B = "7c1d00112233445566778899aabbccddeeff00112233445566778899aabb1234";
    private static final String REASON = "PCR 19 does not match VMM 'TrustpoolVMM' 1.0 (MLE 2): expected " + DIGEST_A
            + ", seen " + DIGEST_B;

    @Test
    void statusLabelsAreWords() {
        assertEquals("Non Operational", XmlText.label("non_operational"));
        assertEquals("Up", XmlText.label("up"));
        assertEquals("Wait For Launch", XmlText.label("wait_for_launch"));
        assertEquals("", XmlText.label(""));
        assertEquals("", XmlText.label(null));
    }

    @Test
    void longDigestsAreShortenedShortNumbersAreNot() {
        assertEquals("PCR 19 does not match VMM 'TrustpoolVMM' 1.0 (MLE 2): expected 3a5f1c2e\u20269b0d, seen 7c1d0011\u20261234",
                XmlText.shortenHex(REASON));
        assertEquals("MLE 2 at 12:00, cafe", XmlText.shortenHex("MLE 2 at 12:00, cafe"));
        assertEquals("untrusted, 3 s ago: PCR 19 does not match VMM 'TrustpoolVMM' 1.0 (MLE 2): expected 3a5f1c2e\u20269b0d, seen 7c1d0011\u20261234",
                XmlText.trust("untrusted", "3 s ago", REASON));
    }

    @Test
    void theServicesReasonIsReadAsPcrExpectedAndSeen() {
        XmlText.PcrMismatch m = XmlText.pcrMismatch(REASON + " (and PCR 18 differ too)");
        assertEquals("19", m.pcr);
        assertEquals(DIGEST_A, m.expected);
        assertEquals(DIGEST_B, m.seen);
        assertEquals(null, XmlText.pcrMismatch("attestation service unavailable: connection refused"));
        assertEquals(null, XmlText.pcrMismatch("no whitelisted VMM MLE named 'x'"));
    }

    @Test
    void cellsSortAsNumbersOrAsTextEmptyLast() {
        assertTrue(XmlText.compareCells("9", "10") < 0, "numbers as numbers");
        assertTrue(XmlText.compareCells("host-10", "host-9") < 0, "text as text");
        assertTrue(XmlText.compareCells("Apple", "banana") < 0, "without regard to case");
        assertTrue(XmlText.compareCells("", "a") > 0, "empty last");
        assertEquals(0, XmlText.compareCells("", null));
    }

    @Test
    void aBareWordSearchesNamesAndTheApisSyntaxIsKept() {
        assertEquals("name=*web*", XmlText.searchQuery(" web "));
        assertEquals("name=web* and status=up", XmlText.searchQuery("name=web* and status=up"));
        assertEquals("", XmlText.searchQuery("  "));
        assertEquals("message=*PCR 19*", XmlText.searchQuery("PCR 19", "message"));
    }
}
