package org.trustpool.bll.host;

import java.util.List;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.errors.EngineMessage;

/** Takes a host out of service on purpose: its VMs move to other hosts first, or nothing changes. */
public class MaintenanceVdsCommand extends VdsCommandBase<IdParameters> {

    public MaintenanceVdsCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists()
                && validate(vdsValidator.statusIn(VDSStatus.Up, VDSStatus.NonOperational, VDSStatus.NonResponsive,
                        VDSStatus.Initializing, VDSStatus.Installing, VDSStatus.Error, VDSStatus.InstallFailed));
    }

    @Override protected void executeCommand() {
        List<String> notMoved = context.vmEvacuator().migrateAllVms(vds.getId(), parameters);
        if (!notMoved.isEmpty()) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_VMS_NOT_MIGRATED, String.join("; ", notMoved));
        }
        context.vdsDynamicDao().updateStatusAndReasons(vds.getId(), VDSStatus.Maintenance, NonOperationalReason.NONE);
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.VDS_MAINTENANCE; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.VDS_MAINTENANCE_FAILED; }
    @Override protected String actionVerb() { return "switch to maintenance"; }
}
