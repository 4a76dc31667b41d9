package org.trustpool.bll.vm;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.bll.validator.VmPropertiesValidator;
import org.trustpool.common.action.VmManagementParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Creates a VM (Down) from a template; the caller has already taken the template's defaults. */
public class AddVmCommand extends CommandBase<VmManagementParameters> {

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
        return validate(EntityValidators.notNull(context.vmTemplateDao().get(vm.getTemplateId()), EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NOT_FOUND))
                && validate(new VmPropertiesValidator(vm, context.config()).pinnedHostInCluster(context.vdsDao()))
                && validate(new VmPropertiesValidator(vm, context.config()).pinnedHostTrustedWhenRequired(context.attestationBroker()))
                && validate(VmFieldsValidation.nameUnique(vm, null, context));
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

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_ADD_VM; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_ADD_VM_FAILED; }
    @Override protected String actionVerb() { return "add"; }
    @Override protected String entityTypeName() { return "VM"; }
}
