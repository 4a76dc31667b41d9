package org.trustpool.hostagent;

/** VM states as they appear on the wire (VDSM-style spelling). */
public enum VmStatus {
    UP("Up"),
    /** Set while an outgoing migration is in flight, so the VM cannot be migrated twice at once. */
    MIGRATION_SOURCE("Migration Source"),
    DOWN("Down"),
    MIGRATED("Migrated");

    private final String wireName;

    VmStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
