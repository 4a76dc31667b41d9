package org.trustpool.bll.cluster;

import java.util.Set;
import java.util.UUID;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.common.action.ClusterOperationParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;

public class AddClusterCommand extends ClusterCommandBase<ClusterOperationParameters> {

    public AddClusterCommand(ClusterOperationParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().withCluster(null, parameters.getCluster().getName());
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.name("cluster", String.valueOf(parameters.getCluster().getName())));
    }

    @Override protected boolean validate() {
        Cluster cluster = parameters.getCluster();
        return validateFields(cluster) && validate(nameUnique(cluster.getName(), null));
    }

    @Override protected void executeCommand() {
        Cluster cluster = parameters.getCluster();
        cluster.setId(UUID.randomUUID());
        context.clusterDao().save(cluster);
        audit().withCluster(cluster);
        setReturnValue(cluster.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_ADD_CLUSTER; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_ADD_CLUSTER_FAILED; }
    @Override protected String actionVerb() { return "add"; }
}
