package org.trustpool.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trustpool.common.utils.PasswordHash;

class PasswordHashTest {

    @Test
    void rightPasswordVerifiesWrongOneDoesNot() {
        String stored = PasswordHash.hash("s3cret!");
        assertTrue(PasswordHash.verify("s3cret!", stored));
        assertFalse(PasswordHash.verify("s3cret", stored));
        assertFalse(PasswordHash.verify(null, stored));
        assertFalse(PasswordHash.verify("s3cret!", "garbage"));
        assertFalse(PasswordHash.verify("s3cret!", "pbkdf2-sha256$notanumber$AA==$AA=="));
    }

    @Test
    void sameResultNeverStoredTwiceBecauseOfTheSalt() {
        assertNotEquals(PasswordHash.hash("x"), PasswordHash.hash("x"));
    }

    @Test
    void newHashesUseOwaspsCountAndOldOnesStillVerifyAndAskForARehash() {
        assertEquals(600_000, PasswordHash.ITERATIONS);
        String old = PasswordHash.hash("s3cret!", 120_000); // what earlier versions stored
        assertTrue(PasswordHash.verify("s3cret!", old));
        assertTrue(PasswordHash.needsRehash(old, PasswordHash.ITERATIONS));
        String current = PasswordHash.hash("s3cret!");
        assertEquals(PasswordHash.ITERATIONS, PasswordHash.iterations(current));
        assertFalse(PasswordHash.needsRehash(current, PasswordHash.ITERATIONS));
        assertFalse(PasswordHash.needsRehash("garbage", PasswordHash.ITERATIONS), "not ours: nothing to rehash");
    }

    @Test
    void aStoredCountOutsideSaneBoundsIsRefusedWithoutHashing() {
        assertFalse(PasswordHash.verify("x", "pbkdf2-sha256$1$AAAAAAAAAAAAAAAAAAAAAA==$AA=="), "too cheap: a forged row must not make guessing cheap");
        assertFalse(PasswordHash.verify("x", "pbkdf2-sha256$2000000000$AAAAAAAAAAAAAAAAAAAAAA==$AA=="), "too dear: would cost minutes of CPU");
        assertFalse(PasswordHash.verify("x", "pbkdf2-sha256$1000$not base64!$AA=="));
    }
}
