package org.trustpool.bll.vm;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.update.FieldMerge;
import org.trustpool.bll.update.UpdatableFields;
import org.trustpool.bll.validator.TrustMoveValidator;
import org.trustpool.bll.validator.VmPropertiesValidator;
import org.trustpool.bll.validator.VmValidator;
import org.trustpool.common.action.VmManagementParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/**
 * Changes a VM's definition; a running VM gets memory/CPU changes at its next start. The fields the
 * request names are merged into the row as it is under the VM's lock (FieldMerge), and the row is
 * written compare-and-set on the version read here, so concurrent updates of different fields both land
 * and a field changed under the request is a 409, never a silent loss.
 */
public class UpdateVmCommand extends CommandBase<VmManagementParameters> {
    private Vm existing;
    /** What will be written: the current row with the request's fields merged in. */
    private VmStatic vm;
    /** The VM leaves a trusted cluster for one that is not trusted, as the administrator confirmed. */
    private boolean trustLossConfirmed;

    public UpdateVmCommand(VmManagementParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().addCustomValue("NextRun", "");
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.vm(parameters.getVm().getId()), LockManager.name("vm", String.valueOf(parameters.getVm().getName())));
    }

    @Override protected boolean validate() {
        VmStatic requested = parameters.getVm();
        existing = requested.getId() == null ? null : context.vmDao().get(requested.getId());
        audit().withVm(existing);
        if (!validate(new VmValidator(existing).exists())) {
            return false;
        }
        vm = merged(requested, existing.getStaticData());
        if (vm == null) {
            return false;
        }
        audit().withVm(vm).withCluster(existing.getClusterId(), existing.getClusterName());
        for (ValidationResult check : VmFieldsValidation.checks(vm, context)) {
            if (!validate(check)) {
                return false;
            }
        }
        return validate(clusterUnchangedWhileRunning(vm))
                && validate(trustKeptOrConfirmed())
                && validate(new VmPropertiesValidator(vm, context.config()).pinnedHostInCluster(context.vdsDao()))
                && validate(new VmPropertiesValidator(vm, context.config()).pinnedHostTrustedWhenRequired(context.attestationBroker()))
                && validate(VmFieldsValidation.nameUnique(vm, vm.getId(), context));
    }

    /** The request merged into current (null after a conflict, recorded as the validation failure). */
    private VmStatic merged(VmStatic requested, VmStatic current) {
        if (parameters.getNamedFields() == null) {
            // A caller that names no fields writes them all, on the version it finds now.
            VmStatic whole = UpdatableFields.copy(requested);
            whole.setVersion(current.getVersion());
            return whole;
        }
        FieldMerge.Result<VmStatic> merge = FieldMerge.merge(parameters.getBase(), requested, current,
                parameters.getNamedFields(), UpdatableFields.VM, UpdatableFields::copy);
        if (merge.conflicting()) {
            validate(failWith(EngineMessage.ACTION_TYPE_FAILED_CHANGED_MEANWHILE, "Fields", String.join(", ", merge.conflicts())));
            return null;
        }
        return merge.merged();
    }

    private ValidationResult clusterUnchangedWhileRunning(VmStatic vm) {
        return existing.getStatus().isRunning() && !existing.getClusterId().equals(vm.getClusterId())
                ? failWith(EngineMessage.ACTION_TYPE_FAILED_VM_CLUSTER_CHANGE_WHILE_RUNNING) : VALID;
    }

    /**
     * Moving a (stopped) trusted cluster's VM into a cluster that is not trusted takes away the guarantee
     * the trusted cluster gave it: the same confirm-or-refuse rule as import (TrustMoveValidator).
     */
    private ValidationResult trustKeptOrConfirmed() {
        if (existing.getClusterId().equals(vm.getClusterId())) {
            return VALID;
        }
        Cluster from = context.clusterDao().get(existing.getClusterId());
        Cluster to = context.clusterDao().get(vm.getClusterId());
        TrustMoveValidator move = new TrustMoveValidator(from != null && from.isTrustedService(), to);
        ValidationResult result = move.keptOrConfirmed(entityTypeName(), vm.getName(), "is in trusted cluster " + existing.getClusterName(),
                vm.isTrustedHostFlag(), parameters.isConfirmTrustLoss());
        if (result.isValid() && move.losesTrustedCluster()) {
            trustLossConfirmed = true;
            audit().withCluster(to).addCustomValue("FromClusterName", existing.getClusterName())
                    .addCustomValue("Consequence", TrustMoveValidator.consequence(vm.isTrustedHostFlag()));
        }
        return result;
    }

    @Override protected void executeCommand() {
        // What the VM was made from and when is history, not something an update may rewrite.
        vm.setTemplateId(existing.getStaticData().getTemplateId());
        vm.setCreationDate(existing.getStaticData().getCreationDate());
        if (!context.vmStaticDao().update(vm)) {
            // Another engine node (or a writer without the lock) changed the row after validate() read it.
            audit().addCustomValue("Fields", "the VM");
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_CHANGED_MEANWHILE, "version " + vm.getVersion() + " is gone");
        }
        if (existing.getStatus().isRunning() && vm.isTrustedHostFlag() != existing.getStaticData().isTrustedHostFlag()) {
            // The host it runs on was chosen under the old setting. Turned on, re-attestation (TrustMonitor)
            // checks that host at its next cycle and moves the VM if the host is not trusted.
            audit().addCustomValue("NextRun", vm.isTrustedHostFlag()
                    ? " It is running: at the next re-attestation its host is checked, and if that host is not trusted the VM is moved to a trusted one."
                    : " It is running: from its next start or migration it may run on any host.");
        }
    }

    /** The confirmed move out of trust is the warning oVirt writes (USER_UPDATE_VM_FROM_TRUSTED_TO_UNTRUSTED). */
    @Override protected AuditLogType auditOnSuccess() {
        return trustLossConfirmed ? AuditLogType.USER_UPDATE_VM_FROM_TRUSTED_TO_UNTRUSTED : AuditLogType.USER_UPDATE_VM;
    }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_UPDATE_VM_FAILED; }
    @Override protected String actionVerb() { return "update"; }
    @Override protected String entityTypeName() { return "VM"; }
}
