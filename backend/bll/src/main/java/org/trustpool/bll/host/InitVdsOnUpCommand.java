package org.trustpool.bll.host;

import java.time.Instant;
import java.util.Set;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.RemoteStep;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.bll.EngineException;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.SetNonOperationalVdsParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.utils.TrustWords;

/**
 * Run by monitoring when a host's agent answers after Installing, Initializing or NonResponsive:
 * the last word on whether the host may be Up.
 */
public class InitVdsOnUpCommand extends VdsCommandBase<IdParameters> {

    private boolean untrusted;
    private HostTrust trust;
    /** False when another engine node (or a command) changed the host from Initializing first: nothing to say then. */
    private boolean won = true;

    public InitVdsOnUpCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    /**
     * In a trusted cluster the host is attested afresh every time it comes up, before any lock is taken
     * (the attestation service may take seconds): only a TRUSTED verdict lets it be Up.
     */
    @Override protected void prepare() {
        Vds unlocked = context.vdsDao().get(parameters.getId());
        Cluster cluster = unlocked == null ? null : context.clusterDao().get(unlocked.getClusterId());
        if (cluster != null && cluster.isTrustedService()) {
            trust = context.attestationBroker().attestNow(unlocked.getId());
        }
    }

    @Override protected boolean validate() {
        return loadAndCheckExists()
                && validate(vdsValidator.statusIn(VDSStatus.Initializing));
    }

    /**
     * Anything but TRUSTED (UNTRUSTED, UNKNOWN, TIMEOUT, service down, or no verdict because the cluster
     * became trusted after it was asked) takes the host out of service with the verdict as the reason.
     * Fail closed: no answer is not a yes.
     */
    @Override protected void executeCommand() {
        Cluster cluster = context.clusterDao().get(vds.getClusterId());
        if (cluster != null && cluster.isTrustedService()) {
            HostTrust verdict = trust != null ? trust
                    : new HostTrust(vds.getId(), TrustLevel.UNKNOWN, null, "the cluster became trusted while the host came up", Instant.now());
            audit().addCustomValue("TrustLevel", verdict.level().name())
                    .addCustomValue("VerifiedAt", String.valueOf(verdict.verifiedAt()))
                    .addCustomValue("TrustReason", String.valueOf(TrustWords.shorten(verdict.reason())));
            if (!verdict.isTrusted()) {
                untrusted = true; // SetNonOperationalVds (it migrates VMs) runs after this transaction, in remoteStep()
                return;
            }
        }
        // Compare and set from the status validate() saw: two engine nodes bringing up the same host (a lease
        // handed over mid-cycle) make it Up once, and only the winner writes VDS_DETECTED.
        won = context.vdsDynamicDao().compareAndSetStatusAndReasons(vds.getId(), VDSStatus.Initializing, VDSStatus.Up, NonOperationalReason.NONE);
    }

    @Override protected RemoteStep remoteStep() {
        return !untrusted ? null : new RemoteStep(Set.of(), "", this::setNonOperational, () -> { },
                cause -> "Host " + vds.getName() + " stays Initializing; monitoring tries again.");
    }

    private void setNonOperational() {
        ActionReturnValue result = context.actionRunner().runAction(ActionType.SetNonOperationalVds,
                new SetNonOperationalVdsParameters(vds.getId(), NonOperationalReason.UNTRUSTED, audit().getCustomValues()));
        if (!result.getSucceeded()) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, String.join(" ", result.getMessageTexts()));
        }
    }

    /** An untrusted host has its own entry (VDS_UNTRUSTED, from SetNonOperationalVds); "is Up" would be false. */
    @Override protected AuditLogType auditOnSuccess() { return untrusted || !won ? null : AuditLogType.VDS_DETECTED; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.VDS_INITIALIZE_FAILED; }
    @Override protected String actionVerb() { return "initialize"; }
}
