package org.trustpool.attestation.verify;

/**
 * The outcome of a check: passed, or refused by the check named {@code check} for {@code reason}
 * (which check, which PCR, expected vs seen). The reason is what an administrator reads.
 */
public record CheckResult(boolean passed, String check, String reason) {

    private static final CheckResult PASSED = new CheckResult(true, null, null);

    public static CheckResult ok() {
        return PASSED;
    }

    public static CheckResult failed(String check, String reason) {
        return new CheckResult(false, check, reason);
    }
}
