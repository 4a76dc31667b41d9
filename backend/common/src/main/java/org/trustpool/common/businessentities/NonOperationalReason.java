package org.trustpool.common.businessentities;

/** Why a host is NonOperational. UNTRUSTED is set by the trust checks (attestation). */
public enum NonOperationalReason {
    NONE(0), GENERAL(1), CPU_TYPE_INCOMPATIBLE_WITH_CLUSTER(2), STORAGE_DOMAIN_UNREACHABLE(3),
    NETWORK_UNREACHABLE(4), VERSION_INCOMPATIBLE_WITH_CLUSTER(5), UNTRUSTED(11);

    private final int value;

    NonOperationalReason(int value) { this.value = value; }

    public int getValue() { return value; }

    public static NonOperationalReason forValue(int value) {
        for (NonOperationalReason r : values()) {
            if (r.value == value) {
                return r;
            }
        }
        return GENERAL;
    }
}
