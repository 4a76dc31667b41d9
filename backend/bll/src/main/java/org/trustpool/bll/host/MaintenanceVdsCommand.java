package org.trustpool.bll.host;

import java.util.List;
import java.util.Set;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.RemoteStep;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.errors.EngineMessage;

/** Takes a host out of service on purpose: its VMs move to other hosts first, or nothing changes. */
public class MaintenanceVdsCommand extends VdsCommandBase<IdParameters> {
    private VDSStatus before;

    public MaintenanceVdsCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists()
                && validate(vdsValidator.statusIn(VDSStatus.Up, VDSStatus.NonOperational, VDSStatus.NonResponsive,
                        VDSStatus.Initializing, VDSStatus.Installing, VDSStatus.Error, VDSStatus.InstallFailed));
    }

    /** The short transaction: PreparingForMaintenance, so that no placement chooses the host any more. */
    @Override protected void executeCommand() {
        before = vds.getStatus();
        if (!context.vdsDynamicDao().compareAndSetStatus(vds.getId(), before, VDSStatus.PreparingForMaintenance)) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_OBJECT_LOCKED, "host changed meanwhile");
        }
    }

    /** The migrations call agents, so they run with no lock and no transaction; each VM's own command reserves its destination. */
    @Override protected RemoteStep remoteStep() {
        return new RemoteStep(Set.of(LockManager.vds(vds.getId())), "Host " + vds.getName() + " is being emptied for maintenance",
                this::evacuate, this::recordMaintenance, this::recordNotEmptied);
    }

    private void evacuate() {
        List<String> notMoved = context.vmEvacuator().migrateAllVms(vds.getId(), parameters);
        if (!notMoved.isEmpty()) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_VMS_NOT_MIGRATED, String.join("; ", notMoved));
        }
    }

    /** From the PreparingForMaintenance this command set: a host another node changed meanwhile is not recorded in maintenance. */
    private void recordMaintenance() {
        if (!context.vdsDynamicDao().compareAndSetStatusAndReasons(vds.getId(), VDSStatus.PreparingForMaintenance,
                VDSStatus.Maintenance, NonOperationalReason.NONE)) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_STATE_RECORDED_MEANWHILE, "Host " + vds.getName()
                    + " is no longer PreparingForMaintenance (another engine node recorded its state meanwhile); it is left as recorded.");
        }
    }

    private String recordNotEmptied(EngineException cause) {
        context.vdsDynamicDao().compareAndSetStatus(vds.getId(), VDSStatus.PreparingForMaintenance, before);
        return "Host " + vds.getName() + " is " + before + " again.";
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.VDS_MAINTENANCE; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.VDS_MAINTENANCE_FAILED; }
    @Override protected String actionVerb() { return "switch to maintenance"; }
}
