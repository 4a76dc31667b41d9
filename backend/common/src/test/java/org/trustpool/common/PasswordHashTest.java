package org.trustpool.common;

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
}
