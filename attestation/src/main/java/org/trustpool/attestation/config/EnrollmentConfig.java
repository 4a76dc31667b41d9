package org.trustpool.attestation.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.trustpool.attestation.enroll.EnrollmentService.ApprovalPolicy;

/**
 * Enrollment settings, each from a system property or else an environment variable:
 * <pre>
 * trustpool.attestation.ekApproval           TRUSTPOOL_ATTESTATION_EK_APPROVAL           auto | manual [auto]
 * trustpool.attestation.challengeSeconds     TRUSTPOOL_ATTESTATION_CHALLENGE_SECONDS     challenge lifetime [60]
 * trustpool.attestation.maxChallenges        TRUSTPOOL_ATTESTATION_MAX_CHALLENGES        open challenges at most [1000]
 * </pre>
 */
public record EnrollmentConfig(ApprovalPolicy approval, Duration challengeTtl, int maxChallenges) {

    public static EnrollmentConfig from(Function<String, String> props, Map<String, String> env) {
        String approval = value(props, env, "trustpool.attestation.ekApproval", "TRUSTPOOL_ATTESTATION_EK_APPROVAL", "auto");
        ApprovalPolicy policy;
        try {
            policy = ApprovalPolicy.valueOf(approval.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trustpool.attestation.ekApproval must be auto or manual, not '" + approval + "'");
        }
        return new EnrollmentConfig(policy,
                Duration.ofSeconds(number(props, env, "trustpool.attestation.challengeSeconds",
                        "TRUSTPOOL_ATTESTATION_CHALLENGE_SECONDS", 60, 5, 3600)),
                (int) number(props, env, "trustpool.attestation.maxChallenges", "TRUSTPOOL_ATTESTATION_MAX_CHALLENGES",
                        1000, 1, 100_000));
    }

    public static EnrollmentConfig fromSystem() {
        return from(System::getProperty, System.getenv());
    }

    private static String value(Function<String, String> props, Map<String, String> env, String property, String variable,
                                String dflt) {
        String v = props.apply(property);
        if (v == null || v.isBlank()) {
            v = env.get(variable);
        }
        return v == null || v.isBlank() ? dflt : v;
    }

    private static long number(Function<String, String> props, Map<String, String> env, String property, String variable,
                               long dflt, long min, long max) {
        String v = value(props, env, property, variable, Long.toString(dflt));
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
}
