package org.trustpool.bll.host;

import org.trustpool.bll.CommandContext;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;

/**
 * Run by monitoring when a host's agent answers after Installing, Initializing or NonResponsive:
 * the last word on whether the host may be Up. (The trusted-cluster attestation check belongs here.)
 */
public class InitVdsOnUpCommand extends VdsCommandBase<IdParameters> {

    public InitVdsOnUpCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists()
                && validate(vdsValidator.statusIn(VDSStatus.Initializing));
    }

    @Override protected void executeCommand() {
        context.vdsDynamicDao().updateStatusAndReasons(vds.getId(), VDSStatus.Up, NonOperationalReason.NONE);
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.VDS_DETECTED; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.VDS_INITIALIZE_FAILED; }
    @Override protected String actionVerb() { return "initialize"; }
}
