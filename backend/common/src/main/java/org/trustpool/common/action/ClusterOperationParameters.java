package org.trustpool.common.action;

import org.trustpool.common.businessentities.Cluster;

/** Add or update a cluster. */
public class ClusterOperationParameters extends ActionParametersBase {
    private static final long serialVersionUID = 1L;
    private final Cluster cluster;

    public ClusterOperationParameters(Cluster cluster) { this.cluster = cluster; }

    public Cluster getCluster() { return cluster; }
}
