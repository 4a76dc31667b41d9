package org.trustpool.bll.host;

import org.trustpool.bll.CommandContext;
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

/**
 * Run by monitoring when a host's agent answers after Installing, Initializing or NonResponsive:
 * the last word on whether the host may be Up.
 */
public class InitVdsOnUpCommand extends VdsCommandBase<IdParameters> {

    private boolean untrusted;

    public InitVdsOnUpCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists()
                && validate(vdsValidator.statusIn(VDSStatus.Initializing));
    }

    /**
     * In a trusted cluster the host is attested afresh every time it comes up: only a TRUSTED
     * verdict lets it be Up; anything else (UNTRUSTED, UNKNOWN, TIMEOUT, service down) takes it
     * out of service with the verdict as the reason. Fail closed: no answer is not a yes.
     */
    @Override protected void executeCommand() {
        Cluster cluster = context.clusterDao().get(vds.getClusterId());
        if (cluster != null && cluster.isTrustedService()) {
            HostTrust trust = context.attestationBroker().attestNow(vds.getId());
            audit().addCustomValue("TrustLevel", trust.level().name())
                    .addCustomValue("VerifiedAt", String.valueOf(trust.verifiedAt()))
                    .addCustomValue("TrustReason", String.valueOf(trust.reason()));
            if (!trust.isTrusted()) {
                untrusted = true;
                ActionReturnValue result = context.actionRunner().runAction(ActionType.SetNonOperationalVds,
                        new SetNonOperationalVdsParameters(vds.getId(), NonOperationalReason.UNTRUSTED, audit().getCustomValues()));
                if (!result.getSucceeded()) {
                    throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, String.join(" ", result.getMessageTexts()));
                }
                return;
            }
        }
        context.vdsDynamicDao().updateStatusAndReasons(vds.getId(), VDSStatus.Up, NonOperationalReason.NONE);
    }

    /** An untrusted host has its own entry (VDS_UNTRUSTED, from SetNonOperationalVds); "is Up" would be false. */
    @Override protected AuditLogType auditOnSuccess() { return untrusted ? null : AuditLogType.VDS_DETECTED; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.VDS_INITIALIZE_FAILED; }
    @Override protected String actionVerb() { return "initialize"; }
}
