package org.trustpool.bll.cluster;

import java.util.Set;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.update.FieldMerge;
import org.trustpool.bll.update.UpdatableFields;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.common.action.ClusterOperationParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.bll.validator.EntityValidators;

/**
 * Changes a cluster: the fields the request names are merged into the row as it is under the cluster's
 * lock and written compare-and-set on its version, as UpdateVmCommand does (a trust flag set by one
 * request is not undone by another that changed the description).
 */
public class UpdateClusterCommand extends ClusterCommandBase<ClusterOperationParameters> {
    /** What will be written: the current row with the request's fields merged in. */
    private Cluster cluster;

    public UpdateClusterCommand(ClusterOperationParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().withCluster(parameters.getCluster());
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.cluster(parameters.getCluster().getId()),
                LockManager.name("cluster", String.valueOf(parameters.getCluster().getName())));
    }

    @Override protected boolean validate() {
        Cluster requested = parameters.getCluster();
        Cluster current = requested.getId() == null ? null : context.clusterDao().get(requested.getId());
        if (!validate(EntityValidators.notNull(current, EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND))) {
            return false;
        }
        if (parameters.getNamedFields() == null) {
            cluster = UpdatableFields.copy(requested);
            cluster.setVersion(current.getVersion());
        } else {
            FieldMerge.Result<Cluster> merge = FieldMerge.merge(parameters.getBase(), requested, current,
                    parameters.getNamedFields(), UpdatableFields.CLUSTER, UpdatableFields::copy);
            if (merge.conflicting()) {
                return validate(ValidationResult.failWith(EngineMessage.ACTION_TYPE_FAILED_CHANGED_MEANWHILE,
                        "Fields", String.join(", ", merge.conflicts())));
            }
            cluster = merge.merged();
        }
        audit().withCluster(cluster);
        return validateFields(cluster)
                && validate(nameUnique(cluster.getName(), cluster.getId()));
    }

    @Override protected void executeCommand() {
        if (!context.clusterDao().update(cluster)) {
            // Another engine node (or a writer without the lock) changed the row after validate() read it.
            audit().addCustomValue("Fields", "the cluster");
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_CHANGED_MEANWHILE, "version " + cluster.getVersion() + " is gone");
        }
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_UPDATE_CLUSTER; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_UPDATE_CLUSTER_FAILED; }
    @Override protected String actionVerb() { return "update"; }
}
