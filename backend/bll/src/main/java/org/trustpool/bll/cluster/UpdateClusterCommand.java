package org.trustpool.bll.cluster;

import java.util.Set;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.common.action.ClusterOperationParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.bll.validator.EntityValidators;

public class UpdateClusterCommand extends ClusterCommandBase<ClusterOperationParameters> {

    public UpdateClusterCommand(ClusterOperationParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().withCluster(parameters.getCluster());
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.cluster(parameters.getCluster().getId()),
                LockManager.name("cluster", String.valueOf(parameters.getCluster().getName())));
    }

    @Override protected boolean validate() {
        Cluster cluster = parameters.getCluster();
        return validate(EntityValidators.notNull(cluster.getId() == null ? null : context.clusterDao().get(cluster.getId()),
                        EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND))
                && validateFields(cluster)
                && validate(nameUnique(cluster.getName(), cluster.getId()));
    }

    @Override protected void executeCommand() {
        context.clusterDao().update(parameters.getCluster());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_UPDATE_CLUSTER; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_UPDATE_CLUSTER_FAILED; }
    @Override protected String actionVerb() { return "update"; }
}
