package org.trustpool.common.action;

import java.util.UUID;

/** Run a VM; destVdsId, when given, asks for that host (it must still pass the filters). */
public class RunVmParameters extends IdParameters {
    private static final long serialVersionUID = 1L;
    private final UUID destVdsId;

    public RunVmParameters(UUID vmId, UUID destVdsId) {
        super(vmId);
        this.destVdsId = destVdsId;
    }

    public UUID getDestVdsId() { return destVdsId; }
}
