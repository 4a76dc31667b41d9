package org.trustpool.bll.cluster;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

public class RemoveClusterCommand extends CommandBase<IdParameters> {
    private Cluster cluster;

    public RemoveClusterCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.cluster(parameters.getId()));
    }

    /** Entities are read after the lock is held, so what is validated is what is changed. */
    @Override protected boolean validate() {
        cluster = context.clusterDao().get(parameters.getId());
        audit().withCluster(cluster);
        return validate(EntityValidators.notNull(cluster, EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND))
                && validate(empty(!context.vdsDao().getAllForCluster(cluster.getId()).isEmpty(), EngineMessage.ACTION_TYPE_FAILED_CLUSTER_HAS_HOSTS))
                && validate(empty(!context.vmDao().getAllForCluster(cluster.getId()).isEmpty(), EngineMessage.ACTION_TYPE_FAILED_CLUSTER_HAS_VMS))
                && validate(empty(!context.vmTemplateDao().getAllForCluster(cluster.getId()).isEmpty(), EngineMessage.ACTION_TYPE_FAILED_CLUSTER_HAS_TEMPLATES));
    }

    private static ValidationResult empty(boolean hasSome, EngineMessage message) {
        return hasSome ? failWith(message) : VALID;
    }

    @Override protected void executeCommand() {
        context.clusterDao().remove(cluster.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_REMOVE_CLUSTER; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_REMOVE_CLUSTER_FAILED; }
    @Override protected String actionVerb() { return "remove"; }
    @Override protected String entityTypeName() { return "Cluster"; }
}
