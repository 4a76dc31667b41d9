package org.trustpool.attestation.config;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The service's settings, each from a system property or else an environment variable
 * (the launcher uses the environment for the tokens, which keeps them out of `ps`):
 * <pre>
 * trustpool.attestation.adminToken          TRUSTPOOL_ATTESTATION_ADMIN_TOKEN          whitelist and host deletion
 * trustpool.attestation.registrationToken   TRUSTPOOL_ATTESTATION_REGISTRATION_TOKEN   agents registering
 * trustpool.attestation.deadlineMillis      TRUSTPOOL_ATTESTATION_DEADLINE_MS          per-host deadline [5000]
 * trustpool.attestation.callDeadlineMillis  TRUSTPOOL_ATTESTATION_CALL_DEADLINE_MS     whole PollHosts call [12000, at least the per-host one]
 * trustpool.attestation.parallelism         TRUSTPOOL_ATTESTATION_PARALLELISM          hosts challenged at once [16]
 * </pre>
 * A token shorter than {@link #MIN_TOKEN_LENGTH} counts as not set: its endpoints then answer
 * 503 rather than accept a guessable secret.
 */
public record AttestationConfig(Duration deadline, int parallelism, String adminToken, String registrationToken,
                                Duration callDeadline) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);
    /** Below the engine's default read timeout (AttestationReadTimeoutSeconds 15), so its answer arrives in time. */
    public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(12);
    public static final int DEFAULT_PARALLELISM = 16;
    public static final int MIN_TOKEN_LENGTH = 16;

    public static AttestationConfig from(Function<String, String> systemProperties, Map<String, String> env) {
        long deadlineMillis = number(systemProperties, env, "trustpool.attestation.deadlineMillis",
                "TRUSTPOOL_ATTESTATION_DEADLINE_MS", DEFAULT_DEADLINE.toMillis(), 100, 600_000);
        int parallelism = (int) number(systemProperties, env, "trustpool.attestation.parallelism",
                "TRUSTPOOL_ATTESTATION_PARALLELISM", DEFAULT_PARALLELISM, 1, 4096);
        long callDeadlineMillis = Math.max(deadlineMillis, number(systemProperties, env, "trustpool.attestation.callDeadlineMillis",
                "TRUSTPOOL_ATTESTATION_CALL_DEADLINE_MS", DEFAULT_CALL_DEADLINE.toMillis(), 100, 600_000));
        return new AttestationConfig(Duration.ofMillis(deadlineMillis), parallelism,
                token(value(systemProperties, env, "trustpool.attestation.adminToken", "TRUSTPOOL_ATTESTATION_ADMIN_TOKEN")),
                token(value(systemProperties, env, "trustpool.attestation.registrationToken",
                        "TRUSTPOOL_ATTESTATION_REGISTRATION_TOKEN")), Duration.ofMillis(callDeadlineMillis));
    }

    public static AttestationConfig fromSystem() {
        return from(System::getProperty, System.getenv());
    }

    public boolean adminTokenSet() {
        return adminToken != null;
    }

    public boolean registrationTokenSet() {
        return registrationToken != null;
    }

    private static String token(String value) {
        return value == null || value.strip().length() < MIN_TOKEN_LENGTH ? null : value.strip();
    }

    private static String value(Function<String, String> props, Map<String, String> env, String property, String variable) {
        String v = props.apply(property);
        if (v == null || v.isBlank()) {
            v = env.get(variable);
        }
        return v == null || v.isBlank() ? null : v;
    }

    /** A bad number stops the deployment with its name: better than running with a setting nobody chose. */
    private static long number(Function<String, String> props, Map<String, String> env, String property, String variable,
                               long dflt, long min, long max) {
        String v = value(props, env, property, variable);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(property + " (or $" + variable + ") must be a number from " + min + " to " + max
                + ", not '" + v + "'");
    }

    @Override
    public String toString() {
        // never the tokens themselves
        return "deadline " + deadline.toMillis() + " ms per host, " + callDeadline.toMillis() + " ms per call, parallelism " + parallelism + ", admin token "
                + (adminTokenSet() ? "set" : "NOT set") + ", registration token " + (registrationTokenSet() ? "set" : "NOT set");
    }
}
