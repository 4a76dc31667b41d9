package org.trustpool.restapi.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wildcard matcher: right answers on ordinary and on hostile patterns (many stars, long texts, no
 * match at the very end), which a backtracking regular expression takes minutes or years to give. The
 * timeouts are a safety net so that a regression fails instead of hanging the build; the claim is the
 * answers, checked against a plain dynamic-programming matcher.
 */
class GlobPatternTest {

    private static boolean matches(String pattern, String text) {
        return GlobPattern.compile(pattern).matches(text);
    }

    @Test
    void ordinaryPatterns() {
        assertTrue(matches("web*", "web1"));
        assertTrue(matches("WEB*", "web1"));
        assertTrue(matches("*1", "db1"));
        assertTrue(matches("*", ""));
        assertTrue(matches("", ""));
        assertFalse(matches("", "x"));
        assertTrue(matches("a*b*c", "aXbYc"));
        assertTrue(matches("a*b*c", "abc"));
        assertFalse(matches("a*b*c", "acb"));
        assertFalse(matches("a*a", "a"), "one character cannot be both the first and the last piece");
        assertTrue(matches("a*a", "aa"));
        assertTrue(matches("ab*ab*ab", "ababab"));
        assertFalse(matches("ab*ab*ab", "abab"));
        assertTrue(matches("a.b", "A.B"));
        assertFalse(matches("a.b", "axb"), "a dot is a dot");
        assertFalse(matches("(.*)", "anything"));
        assertFalse(matches("web*", null));
        assertTrue(matches("STRASSE", "straße"), "case folded on both sides");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void theIssuesPatternTwentyTwoStarsAndAnX() {
        String pattern = "*".repeat(22) + "X";
        assertFalse(matches(pattern, "a".repeat(255)));
        assertTrue(matches(pattern, "a".repeat(254) + "x"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void starsBetweenPiecesThatAlmostMatchEverywhere() {
        // "a*a*a*...*b" against "aaaa...a": every piece matches everywhere, and only the end fails.
        String pattern = "a*".repeat(120) + "b";
        String text = "a".repeat(100_000);
        assertFalse(matches(pattern, text));
        assertTrue(matches(pattern, text + "b"));
        // pieces with self-overlap, which a naive search rescans
        String overlapping = ("aaaaaaaab*").repeat(25) + "c";
        String haystack = "aaaaaaaa".repeat(20_000) + "b";
        assertFalse(matches(overlapping, haystack));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aLongPatternOfStarsOnly() {
        assertTrue(matches("*".repeat(100_000), "x".repeat(100_000)));
        assertFalse(matches("*".repeat(50_000) + "y" + "*".repeat(50_000) + "z", "y".repeat(100_000)));
    }

    @Test
    void agreesWithAPlainMatcherOnRandomPatterns() {
        Random random = new Random(4242);
        String alphabet = "ab*";
        for (int round = 0; round < 20_000; round++) {
            String pattern = randomString(random, alphabet, 8);
            String text = randomString(random, "abAB", 10);
            assertEquals(reference(pattern.toLowerCase(), text.toLowerCase()), matches(pattern, text), pattern + " ~ " + text);
        }
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** The textbook O(n*m) table: whether pattern[0,i) matches text[0,j). */
    private static boolean reference(String pattern, String text) {
        boolean[][] m = new boolean[pattern.length() + 1][text.length() + 1];
        m[0][0] = true;
        for (int i = 1; i <= pattern.length(); i++) {
            char p = pattern.charAt(i - 1);
            m[i][0] = p == '*' && m[i - 1][0];
            for (int j = 1; j <= text.length(); j++) {
                m[i][j] = p == '*' ? m[i - 1][j] || m[i][j - 1] : m[i - 1][j - 1] && p == text.charAt(j - 1);
            }
        }
        return m[pattern.length()][text.length()];
    }
}
