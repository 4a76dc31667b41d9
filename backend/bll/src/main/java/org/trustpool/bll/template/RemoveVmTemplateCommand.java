package org.trustpool.bll.template;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

public class RemoveVmTemplateCommand extends CommandBase<IdParameters> {
    private VmTemplate template;

    public RemoveVmTemplateCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.name("template-id", String.valueOf(parameters.getId())));
    }

    @Override protected boolean validate() {
        template = context.vmTemplateDao().get(parameters.getId());
        if (template != null) {
            audit().addCustomValue("VmTemplateName", template.getName());
        }
        return validate(EntityValidators.notNull(template, EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NOT_FOUND))
                && validate(template.isBlank() ? failWith(EngineMessage.ACTION_TYPE_FAILED_CANNOT_REMOVE_BLANK_TEMPLATE) : VALID)
                && validate(notInUse());
    }

    private ValidationResult notInUse() {
        List<VmStatic> vms = context.vmStaticDao().getAllByTemplateId(template.getId());
        return vms.isEmpty() ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_IN_USE,
                "VmNames", vms.stream().map(VmStatic::getName).sorted().collect(Collectors.joining(", ")));
    }

    @Override protected void executeCommand() {
        context.vmTemplateDao().remove(template.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_REMOVE_VM_TEMPLATE; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_REMOVE_VM_TEMPLATE_FAILED; }
    @Override protected String actionVerb() { return "remove"; }
    @Override protected String entityTypeName() { return "Template"; }
}
