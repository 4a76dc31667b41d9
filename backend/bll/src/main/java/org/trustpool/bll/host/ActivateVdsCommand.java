package org.trustpool.bll.host;

import org.trustpool.bll.CommandContext;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VDSStatus;

/**
 * The administrator puts a host back in service. VdsManager.activate() moves it to Initializing;
 * monitoring then checks the agent and runs InitVdsOnUp, which decides whether it may be Up.
 */
public class ActivateVdsCommand extends VdsCommandBase<IdParameters> {

    public ActivateVdsCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists()
                && validate(vdsValidator.statusIn(VDSStatus.Maintenance, VDSStatus.NonOperational, VDSStatus.NonResponsive,
                        VDSStatus.Error, VDSStatus.InstallFailed, VDSStatus.Down));
    }

    @Override protected void executeCommand() {
        context.vdsManagers().activate(vds.getId());
    }

    @Override protected void afterCommit() {
        context.vdsManagers().refreshSoon(vds.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.VDS_ACTIVATE; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.VDS_ACTIVATE_FAILED; }
    @Override protected String actionVerb() { return "activate"; }
}
