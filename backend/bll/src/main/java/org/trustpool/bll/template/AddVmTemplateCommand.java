package org.trustpool.bll.template;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.bll.validator.VmValidator;
import org.trustpool.common.action.AddVmTemplateParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Makes a template from a powered-off VM: its hardware definition becomes the template's. */
public class AddVmTemplateCommand extends CommandBase<AddVmTemplateParameters> {
    private Vm vm;

    public AddVmTemplateCommand(AddVmTemplateParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().addCustomValue("VmTemplateName", String.valueOf(parameters.getName()));
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.name("template", String.valueOf(parameters.getName())));
    }

    /** The VM is only read, and must stay down and unchanged while it is copied. */
    @Override protected Set<String> sharedLocks() {
        return parameters.getVmId() == null ? Set.of() : Set.of(LockManager.vm(parameters.getVmId()));
    }

    @Override protected boolean validate() {
        vm = parameters.getVmId() == null ? null : context.vmDao().get(parameters.getVmId());
        VmValidator vmValidator = new VmValidator(vm);
        audit().withVm(vm);
        return validate(vmValidator.exists())
                && validate(vmValidator.isDown())
                && validate(EntityValidators.validName(parameters.getName()))
                && validate(EntityValidators.validDescription(parameters.getDescription()))
                && validate(nameUnique(parameters.getName()));
    }

    private ValidationResult nameUnique(String name) {
        return context.vmTemplateDao().getByName(name) == null ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NAME_ALREADY_USED, "Name", name);
    }

    @Override protected void executeCommand() {
        VmStatic source = vm.getStaticData();
        VmTemplate template = new VmTemplate();
        template.setId(UUID.randomUUID());
        template.setName(parameters.getName());
        template.setDescription(parameters.getDescription());
        template.setClusterId(source.getClusterId());
        template.setMemSizeMb(source.getMemSizeMb());
        template.setNumOfCpus(source.getNumOfCpus());
        template.setOsType(source.getOsType());
        // A template from a trusted VM makes trusted VMs: the requirement must not be lost on the way.
        template.setTrustedHostFlag(source.isTrustedHostFlag());
        template.setCreationDate(Instant.now());
        context.vmTemplateDao().save(template);
        audit().withCluster(vm.getClusterId(), vm.getClusterName());
        setReturnValue(template.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_ADD_VM_TEMPLATE; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_ADD_VM_TEMPLATE_FAILED; }
    @Override protected String actionVerb() { return "add"; }
    @Override protected String entityTypeName() { return "Template"; }
}
