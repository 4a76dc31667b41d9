package org.trustpool.bll.template;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.ovf.ExportDirectory;
import org.trustpool.bll.ovf.OvfTemplateWriter;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.ExportParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;

/** Writes a template as OVF into the export directory, with both trust properties. */
public class ExportVmTemplateCommand extends CommandBase<ExportParameters> {
    private VmTemplate template;

    public ExportVmTemplateCommand(ExportParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        // The same key RemoveVmTemplate takes, so the template cannot vanish half-way.
        return Set.of(LockManager.name("template-id", String.valueOf(parameters.getId())),
                ExportDirectory.lockKey(ExportDirectory.Kind.TEMPLATE, parameters.getId()));
    }

    @Override protected boolean validate() {
        template = context.vmTemplateDao().get(parameters.getId());
        if (template != null) {
            audit().addCustomValue("VmTemplateName", template.getName());
        }
        return validate(EntityValidators.notNull(template, EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NOT_FOUND))
                && validate(template.isBlank() ? failWith(EngineMessage.ACTION_TYPE_FAILED_CANNOT_EXPORT_BLANK_TEMPLATE) : VALID)
                && validate(context.exportDirectory().mayWrite(ExportDirectory.Kind.TEMPLATE, template.getId(), template.getName(),
                        parameters.isOverwrite()));
    }

    @Override protected void executeCommand() {
        Cluster cluster = template.getClusterId() == null ? null : context.clusterDao().get(template.getClusterId());
        audit().withCluster(cluster).addCustomValue("Path",
                context.exportDirectory().ovf(ExportDirectory.Kind.TEMPLATE, template.getId()).toString());
        context.exportDirectory().export(ExportDirectory.Kind.TEMPLATE, template.getId(), parameters.isOverwrite(),
                () -> new OvfTemplateWriter().write(template, cluster == null ? null : cluster.getName(),
                        cluster != null && cluster.isTrustedService()));
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_EXPORT_VM_TEMPLATE; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_EXPORT_VM_TEMPLATE_FAILED; }
    @Override protected String actionVerb() { return "export"; }
    @Override protected String entityTypeName() { return "Template"; }
}
