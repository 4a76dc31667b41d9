package org.trustpool.common.action;

import java.util.Set;

import org.trustpool.common.businessentities.Cluster;

/** Add or update a cluster; an update may name its fields and base, as VmManagementParameters explains. */
public class ClusterOperationParameters extends ActionParametersBase {
    private static final long serialVersionUID = 1L;
    private final Cluster cluster;
    private Cluster base;
    private Set<String> namedFields;

    public ClusterOperationParameters(Cluster cluster) { this.cluster = cluster; }

    public ClusterOperationParameters namingFields(Cluster base, Set<String> namedFields) {
        this.base = base;
        this.namedFields = Set.copyOf(namedFields);
        return this;
    }

    public Cluster getCluster() { return cluster; }
    public Cluster getBase() { return base; }
    public Set<String> getNamedFields() { return namedFields; }
}
