package org.trustpool.bll.validator;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/**
 * The one rule for a trusted VM or template landing in a cluster that is not trusted, whichever door it
 * comes through (Edit VM to another cluster, New VM from a trusted cluster's template, import of what was
 * exported from a trusted cluster): refused with the same words (409) unless the request carries the
 * administrator's explicit confirmation (REST {@code force=true}), and when confirmed, the command audits
 * the move as a warning under oVirt's *_FROM_TRUSTED_TO_UNTRUSTED name.
 *
 * <p>Why a confirmation and not a plain refusal: moving a workload out of a trusted pool is a legitimate
 * administrative decision (decommissioning, testing), but it removes the guarantee the trusted cluster
 * gave, so it must be deliberate and on record, never a side effect of an edit. The refusal itself is only
 * a question: it changes nothing and is not written to the audit log (the decision is).
 *
 * <p>"Trusted" here is the cluster's Trusted Service, as in oVirt: the VM-level "Run on Trusted Host" flag
 * travels with the VM and is kept, and the words say what that still guarantees in the new cluster.
 */
public final class TrustMoveValidator {
    private final boolean fromTrustedCluster;
    private final Cluster target;

    /**
     * @param fromTrustedCluster whether what moves comes from a cluster with Trusted Service
     * @param target the cluster it would land in (not null: callers check it exists first)
     */
    public TrustMoveValidator(boolean fromTrustedCluster, Cluster target) {
        this.fromTrustedCluster = fromTrustedCluster;
        this.target = target;
    }

    /** True when the move takes a trusted cluster's VM or template into a cluster that is not trusted. */
    public boolean losesTrustedCluster() {
        return fromTrustedCluster && !target.isTrustedService();
    }

    /**
     * VALID when trust is kept or the loss is confirmed; else the question.
     *
     * @param type "VM" or "Template", for the words
     * @param name what moves
     * @param origin how it is trusted now, after its name: "is in trusted cluster Secure",
     *               "was exported from a trusted cluster (TrustedService)"
     * @param keepsTrustedHostFlag whether it will still have "Run on Trusted Host" there
     * @param confirmed the administrator's explicit yes (force)
     */
    public ValidationResult keptOrConfirmed(String type, String name, String origin, boolean keepsTrustedHostFlag, boolean confirmed) {
        if (!losesTrustedCluster() || confirmed) {
            return VALID;
        }
        return failWith(EngineMessage.ACTION_TYPE_FAILED_WOULD_LOSE_TRUST, "MovedType", type, "Name", name, "Origin", origin,
                "ClusterName", target.getName(), "Consequence", consequence(keepsTrustedHostFlag));
    }

    /** What really happens there, said the same way in the question and in the audit entry of the decision. */
    public static String consequence(boolean keepsTrustedHostFlag) {
        return keepsTrustedHostFlag
                ? "it keeps Run on Trusted Host, so it still starts only on hosts that pass attestation, but the cluster no longer requires trust."
                : "there it would run on any host of that cluster, attested or not.";
    }
}
