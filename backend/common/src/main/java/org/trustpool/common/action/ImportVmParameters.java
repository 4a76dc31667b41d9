package org.trustpool.common.action;

import java.util.UUID;

/**
 * Import an exported VM into a cluster. confirmTrustLoss is the administrator's explicit yes to
 * importing a VM from a trusted cluster into one that is not trusted.
 */
public class ImportVmParameters extends IdParameters {
    private static final long serialVersionUID = 1L;
    private final UUID clusterId;
    private final boolean confirmTrustLoss;

    public ImportVmParameters(UUID exportedVmId, UUID clusterId, boolean confirmTrustLoss) {
        super(exportedVmId);
        this.clusterId = clusterId;
        this.confirmTrustLoss = confirmTrustLoss;
    }

    public UUID getClusterId() { return clusterId; }
    public boolean isConfirmTrustLoss() { return confirmTrustLoss; }
}
