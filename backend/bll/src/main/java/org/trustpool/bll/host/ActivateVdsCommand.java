package org.trustpool.bll.host;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.utils.TrustWords;

/**
 * The administrator puts a host back in service. VdsManager.activate() moves it to Initializing;
 * monitoring then checks the agent and runs InitVdsOnUp, which decides whether it may be Up.
 */
public class ActivateVdsCommand extends VdsCommandBase<IdParameters> {
    private HostTrust trust;

    public ActivateVdsCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists()
                && validate(vdsValidator.statusIn(VDSStatus.Maintenance, VDSStatus.NonOperational, VDSStatus.NonResponsive,
                        VDSStatus.Error, VDSStatus.InstallFailed, VDSStatus.Down));
    }

    /**
     * In a trusted cluster the host is attested afresh first (VdsManager.activate() alone would let
     * monitoring find out later), before any lock is taken: an administrator who activates an untrusted
     * host is told so now, with the verdict, and the host stays out of service.
     */
    @Override protected void prepare() {
        Vds unlocked = context.vdsDao().get(parameters.getId());
        Cluster cluster = unlocked == null ? null : context.clusterDao().get(unlocked.getClusterId());
        if (cluster != null && cluster.isTrustedService()) {
            trust = context.attestationBroker().attestNow(unlocked.getId());
        }
    }

    @Override protected void executeCommand() {
        Cluster cluster = context.clusterDao().get(vds.getClusterId());
        if (cluster != null && cluster.isTrustedService()) {
            // Fail closed: a cluster that became trusted after prepare() asked nothing has no verdict for the host.
            if (trust == null) {
                throw new EngineException(EngineMessage.VDS_NOT_TRUSTED, "no verdict: the cluster became trusted meanwhile; try again");
            }
            audit().addCustomValue("TrustLevel", trust.level().name()).addCustomValue("TrustReason", String.valueOf(TrustWords.shorten(trust.reason())));
            if (!trust.isTrusted()) {
                throw new EngineException(EngineMessage.VDS_NOT_TRUSTED, trust.level() + ": " + TrustWords.shorten(trust.reason()));
            }
        }
        // From the status validate() saw, decided in the database: an activation another node (or monitoring)
        // got ahead of is refused, so the host is activated and audited once.
        if (!context.vdsManagers().activate(vds.getId(), vds.getStatus())) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_STATE_RECORDED_MEANWHILE, "Host " + vds.getName()
                    + " is no longer " + vds.getStatus() + " (changed meanwhile, here or on another engine node); nothing was changed.");
        }
    }

    @Override protected void afterCommit() {
        context.vdsManagers().refreshSoon(vds.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.VDS_ACTIVATE; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.VDS_ACTIVATE_FAILED; }
    @Override protected String actionVerb() { return "activate"; }
}
