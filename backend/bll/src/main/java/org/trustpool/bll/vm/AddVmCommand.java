package org.trustpool.bll.vm;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.bll.validator.TrustMoveValidator;
import org.trustpool.bll.validator.VmPropertiesValidator;
import org.trustpool.common.action.VmManagementParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Creates a VM (Down) from a template; the caller has already taken the template's defaults. */
public class AddVmCommand extends CommandBase<VmManagementParameters> {
    /** Made from a trusted cluster's template into a cluster that is not trusted, as the administrator confirmed. */
    private boolean trustLossConfirmed;

    public AddVmCommand(VmManagementParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().withVm(null, parameters.getVm().getName());
    }

    @Override protected Set<String> exclusiveLocks() {
        // The template is locked too, so it cannot be removed while a VM is made from it.
        UUID template = parameters.getVm().getTemplateId() != null ? parameters.getVm().getTemplateId() : VmTemplate.BLANK_TEMPLATE_ID;
        return Set.of(LockManager.name("vm", String.valueOf(parameters.getVm().getName())),
                LockManager.name("template-id", template.toString()));
    }

    @Override protected boolean validate() {
        VmStatic vm = parameters.getVm();
        if (vm.getTemplateId() == null) {
            vm.setTemplateId(VmTemplate.BLANK_TEMPLATE_ID);
        }
        for (ValidationResult check : VmFieldsValidation.checks(vm, context)) {
            if (!validate(check)) {
                return false;
            }
        }
        VmTemplate template = context.vmTemplateDao().get(vm.getTemplateId());
        return validate(EntityValidators.notNull(template, EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NOT_FOUND))
                && validate(trustKeptOrConfirmed(vm, template))
                && validate(new VmPropertiesValidator(vm, context.config()).pinnedHostInCluster(context.vdsDao()))
                && validate(new VmPropertiesValidator(vm, context.config()).pinnedHostTrustedWhenRequired(context.attestationBroker()))
                && validate(VmFieldsValidation.nameUnique(vm, null, context));
    }

    /**
     * A template of a trusted cluster stands for a trusted workload; a VM made from it in a cluster that is
     * not trusted leaves that guarantee behind: the same confirm-or-refuse rule as import (TrustMoveValidator).
     */
    private ValidationResult trustKeptOrConfirmed(VmStatic vm, VmTemplate template) {
        Cluster from = template.getClusterId() == null ? null : context.clusterDao().get(template.getClusterId());
        Cluster to = context.clusterDao().get(vm.getClusterId());
        TrustMoveValidator move = new TrustMoveValidator(from != null && from.isTrustedService(), to);
        ValidationResult result = move.keptOrConfirmed("VM", vm.getName(),
                "would be made from template " + template.getName() + " of trusted cluster " + (from == null ? "" : from.getName()),
                vm.isTrustedHostFlag(), parameters.isConfirmTrustLoss());
        if (result.isValid() && move.losesTrustedCluster()) {
            trustLossConfirmed = true;
            audit().addCustomValue("VmTemplateName", template.getName()).addCustomValue("FromClusterName", from.getName())
                    .addCustomValue("Consequence", TrustMoveValidator.consequence(vm.isTrustedHostFlag()));
        }
        return result;
    }

    @Override protected void executeCommand() {
        VmStatic vm = parameters.getVm();
        vm.setId(UUID.randomUUID());
        vm.setCreationDate(Instant.now());
        context.vmStaticDao().save(vm);
        VmDynamic dynamic = new VmDynamic();
        dynamic.setId(vm.getId());
        dynamic.setStatus(VMStatus.Down);
        context.vmDynamicDao().save(dynamic);
        audit().withVm(vm).withCluster(vm.getClusterId(), context.clusterDao().get(vm.getClusterId()).getName());
        setReturnValue(vm.getId());
    }

    /** The confirmed move out of trust is the warning oVirt writes (USER_ADD_VM_FROM_TRUSTED_TO_UNTRUSTED). */
    @Override protected AuditLogType auditOnSuccess() {
        return trustLossConfirmed ? AuditLogType.USER_ADD_VM_FROM_TRUSTED_TO_UNTRUSTED : AuditLogType.USER_ADD_VM;
    }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_ADD_VM_FAILED; }
    @Override protected String actionVerb() { return "add"; }
    @Override protected String entityTypeName() { return "VM"; }
}
