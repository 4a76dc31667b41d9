package org.trustpool.common.businessentities;

/** Whether a VM may be migrated, oVirt's values. */
public enum MigrationSupport {
    MIGRATABLE(0), IMPLICITLY_NON_MIGRATABLE(1), PINNED_TO_HOST(2);

    private final int value;

    MigrationSupport(int value) { this.value = value; }

    public int getValue() { return value; }

    public static MigrationSupport forValue(int value) {
        for (MigrationSupport m : values()) {
            if (m.value == value) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown migration support " + value);
    }
}
