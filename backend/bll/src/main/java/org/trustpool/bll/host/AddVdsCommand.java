package org.trustpool.bll.host;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Set;
import java.util.UUID;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.bll.validator.HostAddressValidator;
import org.trustpool.common.action.AddVdsParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Adds a host in Installing; monitoring then brings it through Initializing to Up. */
public class AddVdsCommand extends CommandBase<AddVdsParameters> {

    public AddVdsCommand(AddVdsParameters parameters, CommandContext context) {
        super(parameters, context);
        VdsStatic vds = parameters.getVds();
        audit().withVds(null, vds.getName()).addCustomValue("Address", vds.getHostName() + ":" + vds.getPort());
    }

    @Override protected Set<String> exclusiveLocks() {
        VdsStatic vds = parameters.getVds();
        return Set.of(LockManager.name("host", String.valueOf(vds.getName())),
                LockManager.name("address", vds.getHostName() + ":" + vds.getPort()));
    }

    @Override protected boolean validate() {
        VdsStatic vds = parameters.getVds();
        Cluster cluster = vds.getClusterId() == null ? null : context.clusterDao().get(vds.getClusterId());
        audit().withCluster(cluster);
        return validate(EntityValidators.validName(vds.getName()))
                && validate(HostAddressValidator.validAddress(vds.getHostName()))
                && validate(HostAddressValidator.validPort(vds.getPort()))
                && validate(EntityValidators.notNull(cluster, EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND))
                && validate(nameUnique(vds.getName()))
                && validate(addressUnique(vds.getHostName(), vds.getPort()));
    }

    private ValidationResult nameUnique(String name) {
        return context.vdsStaticDao().getByName(name) == null ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_NAME_ALREADY_USED, "Name", name);
    }

    private ValidationResult addressUnique(String hostName, int port) {
        VdsStatic other = context.vdsStaticDao().getByHostNameAndPort(hostName, port);
        return other == null ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_ADDRESS_ALREADY_USED, "OtherHost", other.getName(),
                        "Address", hostName + ":" + port);
    }

    @Override protected void executeCommand() {
        VdsStatic vds = parameters.getVds();
        vds.setId(UUID.randomUUID());
        context.vdsStaticDao().save(vds);
        VdsDynamic dynamic = new VdsDynamic();
        dynamic.setId(vds.getId());
        dynamic.setStatus(VDSStatus.Installing);
        context.vdsDynamicDao().save(dynamic);
        audit().withVds(vds);
        setReturnValue(vds.getId());
    }

    @Override protected void afterCommit() {
        context.vdsManagers().refreshSoon(parameters.getVds().getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_ADD_VDS; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_ADD_VDS_FAILED; }
    @Override protected String actionVerb() { return "add"; }
    @Override protected String entityTypeName() { return "Host"; }
}
