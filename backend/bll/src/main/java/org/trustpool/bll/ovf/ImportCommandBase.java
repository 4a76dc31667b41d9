package org.trustpool.bll.ovf;

import static org.trustpool.common.errors.ValidationResult.failWith;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.bll.validator.TrustMoveValidator;
import org.trustpool.common.action.ImportParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.errors.EngineMessage;

/**
 * Import from the export directory into the cluster the administrator chose: read the OVF (a broken or
 * hostile file is refused before anything is created), check the cluster, and keep trust or have its loss
 * confirmed. What came from a trusted cluster (TrustedService) is not silently put into a cluster that is
 * not trusted: that needs the explicit confirmation, which the audit entry then records.
 *
 * @param <R> what the OVF reader returns
 */
public abstract class ImportCommandBase<R> extends CommandBase<ImportParameters> {
    protected R ovf;
    protected Cluster cluster;

    protected ImportCommandBase(ImportParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().addCustomValue("TrustDecision", "");
    }

    protected abstract ExportDirectory.Kind kind();

    protected abstract R read(InputStream file) throws OvfException;

    /** The imported thing's name, as the OVF says. */
    protected abstract String nameIn(R ovf);

    protected abstract boolean trustedServiceIn(R ovf);

    protected abstract boolean trustedHostFlagIn(R ovf);

    /** Names the imported thing in the audit entry. */
    protected abstract void describe(R ovf);

    /** The checks of the kind (id and name not taken). */
    protected abstract boolean validateNotTaken(R ovf);

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(ExportDirectory.lockKey(kind(), parameters.getId()));
    }

    @Override protected boolean validate() {
        if (!context.exportDirectory().exists(kind(), parameters.getId())) {
            return validate(failWith(EngineMessage.ACTION_TYPE_FAILED_EXPORT_NOT_FOUND));
        }
        // Read as a stream: SafeXml takes at most its size limit from it, so a huge file costs no memory.
        try (InputStream in = context.exportDirectory().open(kind(), parameters.getId())) {
            ovf = read(in);
        } catch (OvfException | IOException e) {
            return validate(failWith(EngineMessage.ACTION_TYPE_FAILED_OVF_INVALID, "Detail", String.valueOf(e.getMessage())));
        }
        describe(ovf);
        cluster = parameters.getClusterId() == null ? null : context.clusterDao().get(parameters.getClusterId());
        if (!validate(EntityValidators.notNull(cluster, EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND))) {
            return false;
        }
        audit().withCluster(cluster);
        return validate(EntityValidators.validName(nameIn(ovf)))
                && validateNotTaken(ovf)
                && validate(trustMove().keptOrConfirmed(entityTypeName(), nameIn(ovf), "was exported from a trusted cluster (TrustedService)",
                        trustedHostFlagIn(ovf), parameters.isConfirmTrustLoss()));
    }

    /** The shared rule (TrustMoveValidator): what the OVF says about its cluster, and the cluster chosen. */
    private TrustMoveValidator trustMove() {
        return new TrustMoveValidator(trustedServiceIn(ovf), cluster);
    }

    /** For auditOnSuccess(): the import took a trusted cluster's VM or template out of trust, as confirmed. */
    protected boolean trustLossConfirmed() {
        return ovf != null && cluster != null && trustMove().losesTrustedCluster();
    }

    /**
     * For executeCommand: the audit entry says what the OVF claimed about trust (the export directory is
     * often shared, so a file with its trust properties taken out is visible here), and who confirmed
     * losing the trusted cluster when someone did.
     */
    protected void recordTrustDecision() {
        String decision = trustLossConfirmed()
                ? " It came from a trusted cluster; " + parameters.getUserName() + " confirmed importing it into this cluster, which is not trusted."
                        + " What that means: " + TrustMoveValidator.consequence(trustedHostFlagIn(ovf))
                : "";
        audit().addCustomValue("TrustDecision", decision + " Its OVF said TrustedService=" + trustedServiceIn(ovf)
                + ", TrustedHostFlag=" + trustedHostFlagIn(ovf) + ".");
    }

    @Override protected String actionVerb() { return "import"; }
}
