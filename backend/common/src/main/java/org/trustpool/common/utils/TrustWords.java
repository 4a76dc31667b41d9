package org.trustpool.common.utils;

import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;

/**
 * A verdict in words a person reads in one line: "untrusted (PCR 19 does not match VMM 'TrustpoolVMM' 1.0
 * (MLE 3): expected 3f2a9c1d…91c0, seen 8b1e44a0…02aa)". The attestation service's reasons carry whole
 * PCR digests (64 hex characters each); in a refusal or an event only their ends are needed to tell two
 * values apart, so long hex runs are cut. The full reason stays in the host's trust record (API {@code <trust>}).
 */
public final class TrustWords {
    /** Hex runs longer than this are cut (a SHA-1 digest is 40, SHA-256 is 64; ids and ports are shorter). */
    static final int LONGEST_KEPT = 16;
    private static final int HEAD = 8;
    private static final int TAIL = 4;
    /** A reason longer than this after cutting is itself cut: a refusal lists several hosts. */
    static final int LONGEST_REASON = 240;

    private TrustWords() {
    }

    /** What the host is, as a phrase after "host X is": "untrusted (…)", "not attested (…)". */
    public static String state(HostTrust trust) {
        TrustLevel level = trust == null ? TrustLevel.UNKNOWN : trust.level();
        String reason = trust == null ? "no verdict" : trust.reason();
        String words = switch (level) {
            case TRUSTED -> "trusted";
            case UNTRUSTED -> "untrusted";
            case TIMEOUT -> "not attested in time";
            case UNKNOWN -> "not attested";
        };
        return reason == null || reason.isBlank() ? words : words + " (" + shorten(reason) + ")";
    }

    /** The reason with every hex run longer than {@link #LONGEST_KEPT} shortened to its first and last characters. */
    public static String shorten(String reason) {
        if (reason == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(reason.length(), LONGEST_REASON + 8));
        int i = 0;
        while (i < reason.length()) {
            int end = i;
            while (end < reason.length() && isHex(reason.charAt(end))) {
                end++;
            }
            if (end == i) {
                out.append(reason.charAt(i));
                i++;
                continue;
            }
            // a hex run inside a word ("deadbeefcafe…" in "xdeadbeef…") is still cut: what matters is its length
            if (end - i > LONGEST_KEPT) {
                out.append(reason, i, i + HEAD).append('…').append(reason, end - TAIL, end);
            } else {
                out.append(reason, i, end);
            }
            i = end;
        }
        return out.length() <= LONGEST_REASON ? out.toString() : out.substring(0, LONGEST_REASON - 1) + "…";
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
