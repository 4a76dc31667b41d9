package org.trustpool.attestation.config;

import java.util.Map;
import java.util.function.Function;

/**
 * Who may read what, beside the admin and registration tokens of {@link AttestationConfig}:
 * <pre>
 * trustpool.attestation.engineToken   TRUSTPOOL_ATTESTATION_ENGINE_TOKEN   PollHosts (the engine only)
 * trustpool.attestation.readerToken   TRUSTPOOL_ATTESTATION_READER_TOKEN   GET /hosts and /mles
 * </pre>
 * Like the other tokens, one shorter than {@link AttestationConfig#MIN_TOKEN_LENGTH} counts as
 * not set, and then its endpoints answer 503 (the admin's token still reads).
 */
public record CallerTokens(String engineToken, String readerToken) {

    public static CallerTokens from(Function<String, String> systemProperties, Map<String, String> env) {
        return new CallerTokens(
                token(value(systemProperties, env, "trustpool.attestation.engineToken", "TRUSTPOOL_ATTESTATION_ENGINE_TOKEN")),
                token(value(systemProperties, env, "trustpool.attestation.readerToken", "TRUSTPOOL_ATTESTATION_READER_TOKEN")));
    }

    public static CallerTokens fromSystem() {
        return from(System::getProperty, System.getenv());
    }

    public boolean engineTokenSet() {
        return engineToken != null;
    }

    public boolean readerTokenSet() {
        return readerToken != null;
    }

    private static String token(String value) {
        return value == null || value.strip().length() < AttestationConfig.MIN_TOKEN_LENGTH ? null : value.strip();
    }

    private static String value(Function<String, String> props, Map<String, String> env, String property, String variable) {
        String v = props.apply(property);
        if (v == null || v.isBlank()) {
            v = env.get(variable);
        }
        return v == null || v.isBlank() ? null : v;
    }

    @Override
    public String toString() {
        // never the tokens themselves
        return "engine token " + (engineTokenSet() ? "set" : "NOT set") + ", reader token " + (readerTokenSet() ? "set" : "NOT set");
    }
}
