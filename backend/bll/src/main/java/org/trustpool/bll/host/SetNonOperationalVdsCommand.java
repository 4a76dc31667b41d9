package org.trustpool.bll.host;

import java.util.List;
import java.util.Set;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.RemoteStep;
import org.trustpool.common.action.SetNonOperationalVdsParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;

/**
 * Takes a host out of service for a reason (e.g. UNTRUSTED): its VMs are migrated where they can
 * be; VMs that cannot migrate keep running, and the audit entry names them.
 */
public class SetNonOperationalVdsCommand extends VdsCommandBase<SetNonOperationalVdsParameters> {
    /** Whether this command's compare-and-set changed the host; only then does it evacuate and audit. */
    private boolean won;

    public SetNonOperationalVdsCommand(SetNonOperationalVdsParameters parameters, CommandContext context) {
        super(parameters, context);
        parameters.getCustomValues().forEach(audit()::addCustomValue);
        audit().addCustomValue("NonOperationalReason", parameters.getReason().name());
    }

    @Override protected boolean validate() {
        return loadAndCheckExists();
    }

    /**
     * Compare and set from the status validate() read under the lock, and only if it changes something: two
     * engine nodes that saw the same untrusted host both get here, and the database lets one win, so there is
     * one NonOperational, one evacuation and one audit entry. The loser changes nothing and says nothing (the
     * winner's entry is the record); it is not a failure, since the host is out of service as wanted.
     */
    @Override protected void executeCommand() {
        won = context.vdsDynamicDao().compareAndSetStatusAndReasons(vds.getId(), vds.getStatus(), VDSStatus.NonOperational,
                parameters.getReason());
    }

    /** The migrations call agents, so they run once the status is committed, with no lock and no transaction. */
    @Override protected RemoteStep remoteStep() {
        if (!won) {
            return null;
        }
        return new RemoteStep(Set.of(LockManager.vds(vds.getId())), "Host " + vds.getName() + " is being emptied (non-operational)",
                this::evacuate, () -> { }, cause -> "Host " + vds.getName() + " is NonOperational; some of its VMs may not have moved.");
    }

    private void evacuate() {
        List<String> notMoved = context.vmEvacuator().migrateAllVms(vds.getId(), parameters);
        audit().addCustomValue("VmsNotMigrated", notMoved.isEmpty() ? "none" : String.join("; ", notMoved));
    }

    @Override protected AuditLogType auditOnSuccess() {
        if (!won) {
            return null;
        }
        return parameters.getReason() == NonOperationalReason.UNTRUSTED ? AuditLogType.VDS_UNTRUSTED : AuditLogType.VDS_SET_NONOPERATIONAL;
    }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.VDS_SET_NONOPERATIONAL_FAILED; }
    @Override protected String actionVerb() { return "set non-operational"; }
}
