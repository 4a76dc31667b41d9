package org.trustpool.common.action;

import java.util.UUID;

/**
 * Import an exported VM or template (by its id in the export directory) into a cluster.
 * confirmTrustLoss is the administrator's explicit yes to importing what came from a trusted cluster
 * into one that is not trusted.
 */
public class ImportParameters extends IdParameters {
    private static final long serialVersionUID = 1L;
    private final UUID clusterId;
    private final boolean confirmTrustLoss;

    public ImportParameters(UUID exportedId, UUID clusterId, boolean confirmTrustLoss) {
        super(exportedId);
        this.clusterId = clusterId;
        this.confirmTrustLoss = confirmTrustLoss;
    }

    public UUID getClusterId() { return clusterId; }
    public boolean isConfirmTrustLoss() { return confirmTrustLoss; }
}
