package org.trustpool.webadmin.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Base64Test {
    @Test
    void encodesLikeTheJdkForEveryPaddingLength() {
        for (String text : new String[] {"", "a", "ab", "abc", "abcd", "admin@internal:it-admin-password"}) {
            assertEquals(java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)), Base64.encode(text), text);
        }
    }

    @Test
    void encodesUtf8SoThatNonAsciiPasswordsWork() {
        String text = "admin@internal:pässwörd€";
        assertEquals(java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)), Base64.encode(text));
    }
}
