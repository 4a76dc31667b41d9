package org.trustpool.bll.cluster;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.UUID;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.ActionParametersBase;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** What add and update share: the checks on the cluster's own fields. */
abstract class ClusterCommandBase<P extends ActionParametersBase> extends CommandBase<P> {

    protected ClusterCommandBase(P parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected String entityTypeName() { return "Cluster"; }

    protected boolean validateFields(Cluster cluster) {
        return validate(EntityValidators.validName(cluster.getName()))
                && validate(EntityValidators.validDescription(cluster.getDescription()))
                && validate(EntityValidators.validCompatibilityVersion(cluster.getCompatibilityVersion()))
                && validate(EntityValidators.notNull(cluster.getStoragePoolId() == null ? null
                        : context.storagePoolDao().get(cluster.getStoragePoolId()), EngineMessage.ACTION_TYPE_FAILED_STORAGE_POOL_NOT_FOUND))
                && validate(attestationServerConfiguredWhenTrusted(cluster));
    }

    /** A trusted cluster without an attestation server could never have an Up host: refuse it up front. */
    protected ValidationResult attestationServerConfiguredWhenTrusted(Cluster cluster) {
        return !cluster.isTrustedService() || context.attestationBroker().settings().isConfigured() ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_ATTESTATION_SERVER_NOT_CONFIGURED);
    }

    protected ValidationResult nameUnique(String name, UUID self) {
        Cluster other = context.clusterDao().getByName(name);
        return other == null || other.getId().equals(self) ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NAME_ALREADY_USED, "Name", name);
    }
}
