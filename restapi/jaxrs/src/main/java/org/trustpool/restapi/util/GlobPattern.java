package org.trustpool.restapi.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search value with '*' wildcards, matched without regard to case, in time linear in the lengths of
 * the pattern and the text whatever the pattern is. It is never a regular expression: the value
 * "name=" + 22 '*' + "X" used to become ".*.*...X" and a backtracking matcher took tens of seconds of
 * CPU for one request; here stars only split the pattern into literal pieces.
 *
 * Why greedy is right: the first piece must start the text and the last must end it; each piece in
 * between is taken at its leftmost place after the previous one, because any later place leaves less
 * room for the pieces after it and never more. Each piece is found with Knuth-Morris-Pratt, so the scan
 * never goes back: O(pattern + text) per match.
 */
public final class GlobPattern {
    private final boolean anyStar;
    private final String[] pieces;
    private final int[][] failure;

    private GlobPattern(String value) {
        String lower = fold(value);
        anyStar = lower.indexOf('*') >= 0;
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int star = lower.indexOf('*'); star >= 0; star = lower.indexOf('*', from)) {
            parts.add(lower.substring(from, star));
            from = star + 1;
        }
        parts.add(lower.substring(from));
        pieces = parts.toArray(String[]::new);
        failure = new int[pieces.length][];
        for (int i = 0; i < pieces.length; i++) {
            failure[i] = failureTable(pieces[i]);
        }
    }

    public static GlobPattern compile(String value) {
        return new GlobPattern(value);
    }

    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        String t = fold(text);
        if (!anyStar) {
            return t.equals(pieces[0]);
        }
        String first = pieces[0];
        String last = pieces[pieces.length - 1];
        if (t.length() < first.length() + last.length() || !t.startsWith(first) || !t.endsWith(last)) {
            return false;
        }
        int at = first.length();
        int end = t.length() - last.length(); // the middle pieces must fit before the last one
        for (int i = 1; i < pieces.length - 1; i++) {
            if (pieces[i].isEmpty()) {
                continue; // "**" is one star
            }
            int found = indexOf(t, at, end, pieces[i], failure[i]);
            if (found < 0) {
                return false;
            }
            at = found + pieces[i].length();
        }
        return true;
    }

    /** Case folding for both sides: lower case of upper case, so that e.g. 'ß'/'ẞ' and Turkish i's compare alike. */
    private static String fold(String s) {
        return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static int[] failureTable(String piece) {
        int[] table = new int[piece.length()];
        int k = 0;
        for (int i = 1; i < piece.length(); i++) {
            while (k > 0 && piece.charAt(i) != piece.charAt(k)) {
                k = table[k - 1];
            }
            if (piece.charAt(i) == piece.charAt(k)) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }

    /** Knuth-Morris-Pratt: the first place of piece in text[from, end), or -1; never moves back in text. */
    private static int indexOf(String text, int from, int end, String piece, int[] table) {
        int k = 0;
        for (int i = from; i < end; i++) {
            while (k > 0 && text.charAt(i) != piece.charAt(k)) {
                k = table[k - 1];
            }
            if (text.charAt(i) == piece.charAt(k)) {
                k++;
            }
            if (k == piece.length()) {
                return i - k + 1;
            }
        }
        return -1;
    }
}
