package org.trustpool.bll.template;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.HashSet;
import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.UpdateVmTemplateParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/**
 * Edit Template: name, description, memory and CPUs. What VMs made from it already have stays theirs (a
 * template is a starting point, not a link). Blank is every setup's own and is not edited. The cluster and
 * the trusted flag are not editable here (see UpdateVmTemplateParameters).
 */
public class UpdateVmTemplateCommand extends CommandBase<UpdateVmTemplateParameters> {
    private VmTemplate template;

    public UpdateVmTemplateCommand(UpdateVmTemplateParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    /** The template itself, and the new name (two edits must not take one name at once). */
    @Override protected Set<String> exclusiveLocks() {
        Set<String> locks = new HashSet<>();
        locks.add(LockManager.name("template-id", String.valueOf(parameters.getId())));
        if (parameters.getName() != null) {
            locks.add(LockManager.name("template", parameters.getName()));
        }
        return locks;
    }

    @Override protected boolean validate() {
        template = parameters.getId() == null ? null : context.vmTemplateDao().get(parameters.getId());
        if (template != null) {
            audit().addCustomValue("VmTemplateName", template.getName()).withCluster(template.getClusterId(), template.getClusterName());
        }
        if (!validate(EntityValidators.notNull(template, EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NOT_FOUND))
                || !validate(template.isBlank() ? failWith(EngineMessage.ACTION_TYPE_FAILED_CANNOT_EDIT_BLANK_TEMPLATE) : VALID)) {
            return false;
        }
        String name = parameters.getName() != null ? parameters.getName() : template.getName();
        String description = parameters.getDescription() != null ? parameters.getDescription() : template.getDescription();
        int memory = parameters.getMemSizeMb() != null ? parameters.getMemSizeMb() : template.getMemSizeMb();
        int cpus = parameters.getNumOfCpus() != null ? parameters.getNumOfCpus() : template.getNumOfCpus();
        return validate(EntityValidators.validName(name))
                && validate(EntityValidators.validDescription(description))
                && validate(EntityValidators.inRange(memory, 1, context.config().getInt("MaxVmMemoryMb", 1_048_576),
                        EngineMessage.ACTION_TYPE_FAILED_MEMORY_INVALID))
                && validate(EntityValidators.inRange(cpus, 1, context.config().getInt("MaxVmCpus", 64),
                        EngineMessage.ACTION_TYPE_FAILED_CPU_COUNT_INVALID))
                && validate(nameFree(name));
    }

    private ValidationResult nameFree(String name) {
        VmTemplate other = context.vmTemplateDao().getByName(name);
        return other == null || other.getId().equals(template.getId()) ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NAME_ALREADY_USED, "Name", name);
    }

    @Override protected void executeCommand() {
        if (parameters.getName() != null) {
            template.setName(parameters.getName());
        }
        if (parameters.getDescription() != null) {
            template.setDescription(parameters.getDescription());
        }
        if (parameters.getMemSizeMb() != null) {
            template.setMemSizeMb(parameters.getMemSizeMb());
        }
        if (parameters.getNumOfCpus() != null) {
            template.setNumOfCpus(parameters.getNumOfCpus());
        }
        context.vmTemplateDao().update(template);
        audit().addCustomValue("NewName", template.getName());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_UPDATE_VM_TEMPLATE; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_UPDATE_VM_TEMPLATE_FAILED; }
    @Override protected String actionVerb() { return "update"; }
    @Override protected String entityTypeName() { return "Template"; }
}
