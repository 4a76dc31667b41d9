package org.trustpool.attestation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AttestationConfigTest {

    @Test
    void defaults() {
        AttestationConfig c = AttestationConfig.from(k -> null, Map.of());
        assertEquals(Duration.ofSeconds(5), c.deadline());
        assertEquals(Duration.ofSeconds(12), c.callDeadline());
        assertEquals(16, c.parallelism());
        assertFalse(c.adminTokenSet());
        assertFalse(c.registrationTokenSet());
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() {
        Map<String, String> props = Map.of("trustpool.attestation.deadlineMillis", "2500",
                "trustpool.attestation.adminToken", "admin-token-from-property");
        AttestationConfig c = AttestationConfig.from(props::get, Map.of("TRUSTPOOL_ATTESTATION_DEADLINE_MS", "9000",
                "TRUSTPOOL_ATTESTATION_PARALLELISM", "4",
                "TRUSTPOOL_ATTESTATION_ADMIN_TOKEN", "admin-token-from-environment",
                "TRUSTPOOL_ATTESTATION_REGISTRATION_TOKEN", "registration-token-from-env"));
        assertEquals(Duration.ofMillis(2500), c.deadline());
        assertEquals(Duration.ofSeconds(12), c.callDeadline());
        assertEquals(Duration.ofSeconds(20), AttestationConfig.from(k -> null, Map.of("TRUSTPOOL_ATTESTATION_DEADLINE_MS", "20000"))
                .callDeadline(), "a call lasts at least as long as one host may");
        assertEquals(4, c.parallelism());
        assertEquals("admin-token-from-property", c.adminToken());
        assertEquals("registration-token-from-env", c.registrationToken());
        assertFalse(c.toString().contains("token-from"), "the tokens never reach a log line");
    }

    @Test
    void aShortTokenCountsAsNoneAndBadNumbersStopTheStart() {
        assertNull(AttestationConfig.from(k -> null, Map.of("TRUSTPOOL_ATTESTATION_ADMIN_TOKEN", "secret")).adminToken());
        assertThrows(IllegalArgumentException.class,
                () -> AttestationConfig.from(k -> null, Map.of("TRUSTPOOL_ATTESTATION_PARALLELISM", "0")));
        assertThrows(IllegalArgumentException.class,
                () -> AttestationConfig.from(k -> null, Map.of("TRUSTPOOL_ATTESTATION_DEADLINE_MS", "soon")));
    }

    @Test
    void bearerTokensCompare() {
        assertEquals("abc", Tokens.bearer("Bearer abc"));
        assertEquals("abc", Tokens.bearer("bearer  abc "));
        assertNull(Tokens.bearer("Basic abc"));
        assertNull(Tokens.bearer(null));
        assertTrue(Tokens.matches("same-token-value", "same-token-value"));
        assertFalse(Tokens.matches("same-token-valuX", "same-token-value"));
        assertFalse(Tokens.matches("same", "same-token-value"));
        assertFalse(Tokens.matches(null, "same-token-value"));
        assertFalse(Tokens.matches("x", null));
    }
}
