package org.trustpool.bll.vm;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.VmPropertiesValidator;
import org.trustpool.bll.validator.VmValidator;
import org.trustpool.common.action.VmManagementParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Changes a VM's definition; a running VM gets memory/CPU changes at its next start. */
public class UpdateVmCommand extends CommandBase<VmManagementParameters> {
    private Vm existing;

    public UpdateVmCommand(VmManagementParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().addCustomValue("NextRun", "");
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.vm(parameters.getVm().getId()), LockManager.name("vm", String.valueOf(parameters.getVm().getName())));
    }

    @Override protected boolean validate() {
        VmStatic vm = parameters.getVm();
        existing = vm.getId() == null ? null : context.vmDao().get(vm.getId());
        audit().withVm(existing);
        if (!validate(new VmValidator(existing).exists())) {
            return false;
        }
        audit().withVm(vm).withCluster(existing.getClusterId(), existing.getClusterName());
        for (ValidationResult check : VmFieldsValidation.checks(vm, context)) {
            if (!validate(check)) {
                return false;
            }
        }
        return validate(clusterUnchangedWhileRunning(vm))
                && validate(new VmPropertiesValidator(vm, context.config()).pinnedHostInCluster(context.vdsDao()))
                && validate(new VmPropertiesValidator(vm, context.config()).pinnedHostTrustedWhenRequired(context.attestationBroker()))
                && validate(VmFieldsValidation.nameUnique(vm, vm.getId(), context));
    }

    private ValidationResult clusterUnchangedWhileRunning(VmStatic vm) {
        return existing.getStatus().isRunning() && !existing.getClusterId().equals(vm.getClusterId())
                ? failWith(EngineMessage.ACTION_TYPE_FAILED_VM_CLUSTER_CHANGE_WHILE_RUNNING) : VALID;
    }

    @Override protected void executeCommand() {
        VmStatic vm = parameters.getVm();
        // What the VM was made from and when is history, not something an update may rewrite.
        vm.setTemplateId(existing.getStaticData().getTemplateId());
        vm.setCreationDate(existing.getStaticData().getCreationDate());
        context.vmStaticDao().update(vm);
        if (existing.getStatus().isRunning() && vm.isTrustedHostFlag() != existing.getStaticData().isTrustedHostFlag()) {
            // The host it runs on was chosen under the old setting. Turned on, re-attestation (TrustMonitor)
            // checks that host at its next cycle and moves the VM if the host is not trusted.
            audit().addCustomValue("NextRun", vm.isTrustedHostFlag()
                    ? " It is running: at the next re-attestation its host is checked, and if that host is not trusted the VM is moved to a trusted one."
                    : " It is running: from its next start or migration it may run on any host.");
        }
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_UPDATE_VM; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_UPDATE_VM_FAILED; }
    @Override protected String actionVerb() { return "update"; }
    @Override protected String entityTypeName() { return "VM"; }
}
