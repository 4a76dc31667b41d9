package org.trustpool.attestation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.trustpool.attestation.enroll.EnrollmentService.ApprovalPolicy;

class EnrollmentConfigTest {

    @Test
    void defaultsAutoApprovalAMinuteAndAThousandChallenges() {
        EnrollmentConfig c = EnrollmentConfig.from(p -> null, Map.of());
        assertEquals(ApprovalPolicy.AUTO, c.approval());
        assertEquals(Duration.ofSeconds(60), c.challengeTtl());
        assertEquals(1000, c.maxChallenges());
    }

    @Test
    void propertiesWinOverTheEnvironment() {
        EnrollmentConfig c = EnrollmentConfig.from(
                p -> p.equals("trustpool.attestation.ekApproval") ? "Manual" : null,
                Map.of("TRUSTPOOL_ATTESTATION_EK_APPROVAL", "auto", "TRUSTPOOL_ATTESTATION_CHALLENGE_SECONDS", "30",
                        "TRUSTPOOL_ATTESTATION_MAX_CHALLENGES", "5"));
        assertEquals(ApprovalPolicy.MANUAL, c.approval());
        assertEquals(Duration.ofSeconds(30), c.challengeTtl());
        assertEquals(5, c.maxChallenges());
    }

    @Test
    void nonsenseStopsTheDeploymentWithTheSettingsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnrollmentConfig.from(p -> null, Map.of("TRUSTPOOL_ATTESTATION_EK_APPROVAL", "sometimes")));
        assertEquals(true, e.getMessage().contains("ekApproval"));
        assertThrows(IllegalArgumentException.class,
                () -> EnrollmentConfig.from(p -> null, Map.of("TRUSTPOOL_ATTESTATION_MAX_CHALLENGES", "0")));
        assertThrows(IllegalArgumentException.class,
                () -> EnrollmentConfig.from(p -> null, Map.of("TRUSTPOOL_ATTESTATION_CHALLENGE_SECONDS", "1")));
    }
}
