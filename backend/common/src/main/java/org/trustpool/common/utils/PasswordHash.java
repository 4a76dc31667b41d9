package org.trustpool.common.utils;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes, stored as pbkdf2-sha256$iterations$salt$hash (base64).
 * The JDK's own implementation: no extra library for a well-known primitive. New hashes use
 * {@link #ITERATIONS}, OWASP's current recommendation for PBKDF2-HMAC-SHA256 (Password Storage Cheat
 * Sheet: 600,000); a stored hash names its own count, so older hashes (120,000) still verify and are
 * replaced at their next successful login (LoginService, {@link #needsRehash}).
 */
public final class PasswordHash {
    private static final String PREFIX = "pbkdf2-sha256";
    public static final int ITERATIONS = 600_000;
    /** Below this a stored hash is refused outright: a forged or damaged row must not make guessing cheap. */
    private static final int MIN_ITERATIONS = 1_000;
    /** Above this a stored hash is refused: a damaged row must not make one login cost minutes of CPU. */
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    public static String hash(String password) {
        return hash(password, ITERATIONS);
    }

    /** A hash with another iteration count: for tests that must not spend seconds per hash, and for rehashing. */
    public static String hash(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return PREFIX + "$" + iterations + "$" + b64(salt) + "$" + b64(derive(password, salt, iterations));
    }

    /** The iteration count a stored hash names, or -1 when it is not one of ours. */
    public static int iterations(String stored) {
        if (stored == null) {
            return -1;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a hash that just verified should be replaced by one with the current cost. */
    public static boolean needsRehash(String stored, int targetIterations) {
        int iterations = iterations(stored);
        return iterations >= 0 && iterations < targetIterations;
    }

    /** Constant-time comparison, so response time does not leak how much of a guess was right. */
    public static boolean verify(String password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        int iterations = iterations(stored);
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

}
