package org.trustpool.attestation.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.trustpool.attestation.config.AttestationConfig;
import org.trustpool.attestation.config.CallerTokens;
import org.trustpool.attestation.rest.Callers.Decision;

class CallersTest {

    private static final String ENGINE = "engine-token-0123456789";
    private static final String READER = "reader-token-0123456789";
    private static final String ADMIN = "admin-token-01234567890";
    private static final String REGISTRATION = "registration-token-0123";

    private final CallerTokens tokens = CallerTokens.from(p -> null,
            Map.of("TRUSTPOOL_ATTESTATION_ENGINE_TOKEN", ENGINE, "TRUSTPOOL_ATTESTATION_READER_TOKEN", READER));
    private final AttestationConfig config = AttestationConfig.from(p -> null,
            Map.of("TRUSTPOOL_ATTESTATION_ADMIN_TOKEN", ADMIN, "TRUSTPOOL_ATTESTATION_REGISTRATION_TOKEN", REGISTRATION));

    @Test
    void pollHostsAnswersTheEngineOnly() {
        assertEquals(Decision.UNAUTHORIZED, Callers.engineDecision(tokens, null), "no credentials");
        assertEquals(Decision.UNAUTHORIZED, Callers.engineDecision(tokens, "Basic " + ENGINE), "not a bearer token");
        assertEquals(Decision.UNAUTHORIZED, Callers.engineDecision(tokens, "Bearer " + ENGINE + "x"), "a wrong token");
        assertEquals(Decision.UNAUTHORIZED, Callers.engineDecision(tokens, "Bearer " + READER), "a reader cannot poll");
        assertEquals(Decision.UNAUTHORIZED, Callers.engineDecision(tokens, "Bearer " + ADMIN), "nor can the admin");
        assertEquals(Decision.UNAUTHORIZED, Callers.engineDecision(tokens, "Bearer " + REGISTRATION), "nor an agent");
        assertEquals(Decision.ALLOWED, Callers.engineDecision(tokens, "Bearer " + ENGINE));
        assertEquals(401, Decision.UNAUTHORIZED.status);
    }

    @Test
    void readersAreTheReaderTheEngineAndTheAdmin() {
        assertEquals(Decision.UNAUTHORIZED, Callers.readerDecision(tokens, config, null));
        assertEquals(Decision.UNAUTHORIZED, Callers.readerDecision(tokens, config, "Bearer wrong-token-0123456789"));
        assertEquals(Decision.UNAUTHORIZED, Callers.readerDecision(tokens, config, "Bearer " + REGISTRATION),
                "an agent's registration token reads nothing");
        for (String t : new String[] {READER, ENGINE, ADMIN}) {
            assertEquals(Decision.ALLOWED, Callers.readerDecision(tokens, config, "Bearer " + t));
        }
    }

    @Test
    void withoutConfiguredTokensNobodyIsLetIn() {
        CallerTokens none = CallerTokens.from(p -> null, Map.of("TRUSTPOOL_ATTESTATION_ENGINE_TOKEN", "short"));
        AttestationConfig noAdmin = AttestationConfig.from(p -> null, Map.of());
        assertEquals(Decision.NOT_CONFIGURED, Callers.engineDecision(none, "Bearer short"), "a short token counts as unset");
        assertEquals(Decision.NOT_CONFIGURED, Callers.readerDecision(none, noAdmin, "Bearer anything-at-all-here"));
        assertEquals(Decision.NOT_CONFIGURED, Callers.engineDecision(none, null));
    }
}
