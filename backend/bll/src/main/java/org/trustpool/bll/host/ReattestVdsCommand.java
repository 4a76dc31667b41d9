package org.trustpool.bll.host;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.trust.TrustVerdictActions;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.ConfigValues;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.common.utils.TrustWords;

/**
 * "Re-attest now": the administrator asks the attestation service for a fresh verdict about one host of a
 * trusted cluster instead of waiting for the periodic re-attestation (e.g. after fixing a host's boot chain,
 * or to confirm a tampering report). The verdict goes through the broker's PollHosts path, so it lands in
 * the trust cache and the database like any other, and the host's status follows it as re-attestation's
 * would (TrustVerdictActions). The return value is the verdict.
 */
public class ReattestVdsCommand extends VdsCommandBase<IdParameters> {
    /**
     * Statuses in which the host's agent runs and its measurements mean something: Up and NonOperational
     * (the untrusted ones wait for exactly this), and Maintenance (checking a host before activating it).
     * A host that does not answer, is being installed or is rebooting has no boot chain to vouch for yet.
     */
    static final VDSStatus[] ATTESTABLE = {VDSStatus.Up, VDSStatus.NonOperational, VDSStatus.Maintenance};

    private HostTrust trust;
    /** Whether the service itself answered about the host (not a verdict the engine made up during an outage). */
    private boolean answered;

    public ReattestVdsCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists()
                && validate(inTrustedCluster(vds, context.clusterDao().get(vds.getClusterId())))
                && validate(vdsValidator.statusIn(ATTESTABLE));
    }

    /**
     * Only hosts of trusted clusters are attested on request: the service knows (and the engine re-attests)
     * only those, and a verdict about a plain-cluster host would change nothing about where VMs run.
     */
    static ValidationResult inTrustedCluster(Vds vds, Cluster cluster) {
        return cluster != null && cluster.isTrustedService() ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_NOT_IN_TRUSTED_CLUSTER, "HostName", vds.getName(),
                        "ClusterName", cluster == null ? String.valueOf(vds.getClusterName()) : cluster.getName());
    }

    /**
     * The network call, before any lock, and only for a host validate() will most likely accept, so a refused
     * request costs the service nothing. What the host is by then is checked again under the lock.
     */
    @Override protected void prepare() {
        Vds unlocked = context.vdsDao().get(parameters.getId());
        Cluster cluster = unlocked == null ? null : context.clusterDao().get(unlocked.getClusterId());
        if (unlocked != null && inTrustedCluster(unlocked, cluster).isValid()
                && java.util.Arrays.asList(ATTESTABLE).contains(unlocked.getStatus())) {
            AttestationBroker.Attested attested = context.attestationBroker().attestNowAnswered(unlocked.getId());
            trust = attested.verdict();
            answered = attested.answered();
        }
    }

    @Override protected void executeCommand() {
        // Fail closed: the host became attestable only after prepare() (it was not asked about), so there is no verdict to report.
        if (trust == null) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_HOST_TRUST_CHANGED,
                    "The host's cluster or status changed while it was being re-attested; try again.");
        }
        audit().addCustomValue("TrustLevel", trust.level().name())
                .addCustomValue("VerifiedAt", trust.verifiedAt() == null ? "never" : trust.verifiedAt().toString())
                .addCustomValue("TrustReason", trust.isTrusted() || trust.reason() == null ? "" : ": " + TrustWords.shorten(trust.reason()));
        setReturnValue(trust);
    }

    /**
     * After the lock is released (SetNonOperationalVds takes the host's lock itself): the host's status follows
     * the verdict. Every answer of the service is acted on, dated or not: an entry whose signature failed or
     * that carries no time is UNKNOWN, and an Up host must leave service on it (fail closed), or one click
     * would put an unverified verdict in the cache for a whole validity, where re-attestation would take it
     * for the newest and not look again. A verdict the engine wrote because the service could not be asked
     * changes no status, as in the periodic re-attestation.
     */
    @Override protected void afterCommit() {
        if (trust != null && answered) {
            new TrustVerdictActions(context.clusterDao(), context.vdsDao(), context.actionRunner(), context.vdsManagers(),
                    context.auditLogDirector()).act(vds.getId(), trust,
                    context.config().getBoolean(ConfigValues.AttestationAutoRecoverUntrusted, true));
        }
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_REATTEST_VDS; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_REATTEST_VDS_FAILED; }
    @Override protected String actionVerb() { return "re-attest"; }
}
