package org.trustpool.common.action;

import java.util.UUID;

/** Migrate a running VM; targetVdsId null lets the scheduler choose. */
public class MigrateVmParameters extends IdParameters {
    private static final long serialVersionUID = 1L;
    private final UUID targetVdsId;

    public MigrateVmParameters(UUID vmId, UUID targetVdsId) {
        super(vmId);
        this.targetVdsId = targetVdsId;
    }

    public UUID getTargetVdsId() { return targetVdsId; }
}
