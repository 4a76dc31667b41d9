package org.trustpool.attestation.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Bearer tokens, compared without leaking through timing how much of a guess was right. */
public final class Tokens {

    private Tokens() {
    }

    /** The bearer token of an Authorization header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.length() > 7 && a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return a.substring(7).strip();
        }
        return null;
    }

    /**
     * Constant time: both sides are hashed first, so neither the position of the first
     * differing character nor the token's length shows in how long the comparison takes.
     */
    public static boolean matches(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
