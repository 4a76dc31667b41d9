package org.trustpool.bll.host;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import org.trustpool.bll.CommandContext;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.errors.EngineMessage;

/** Removes a host that is out of service and runs nothing. */
public class RemoveVdsCommand extends VdsCommandBase<IdParameters> {

    public RemoveVdsCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists()
                && validate(vdsValidator.statusIn(VDSStatus.Maintenance, VDSStatus.NonResponsive, VDSStatus.NonOperational,
                        VDSStatus.Installing, VDSStatus.InstallFailed, VDSStatus.Down, VDSStatus.Error))
                // A VM the engine still places on this host would lose its record of where it runs.
                && validate(context.vmDao().getAllRunningOnVds(vds.getId()).isEmpty() ? VALID
                        : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_HAS_RUNNING_VMS));
    }

    @Override protected void executeCommand() {
        context.vdsDynamicDao().remove(vds.getId());
        context.vdsStaticDao().remove(vds.getId());
    }

    @Override protected void afterCommit() {
        context.vdsManagers().remove(vds.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_REMOVE_VDS; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_REMOVE_VDS_FAILED; }
    @Override protected String actionVerb() { return "remove"; }
}
