package org.trustpool.bll.template;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.io.InputStream;
import java.time.Instant;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.ovf.ExportDirectory;
import org.trustpool.bll.ovf.ImportCommandBase;
import org.trustpool.bll.ovf.OvfException;
import org.trustpool.bll.ovf.OvfTemplateReader;
import org.trustpool.common.action.ImportParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;

/**
 * Creates a template from its OVF in the export directory, in the cluster the administrator chose. Its
 * TrustedHostFlag always travels (VMs made from it inherit it); a template from a trusted cluster going into
 * one that is not trusted needs the same confirmation as a VM (see {@link ImportCommandBase}).
 */
public class ImportVmTemplateCommand extends ImportCommandBase<OvfTemplateReader.Result> {

    public ImportVmTemplateCommand(ImportParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected ExportDirectory.Kind kind() { return ExportDirectory.Kind.TEMPLATE; }
    @Override protected OvfTemplateReader.Result read(InputStream file) throws OvfException { return new OvfTemplateReader().read(file); }
    @Override protected String nameIn(OvfTemplateReader.Result ovf) { return ovf.template().getName(); }
    @Override protected boolean trustedServiceIn(OvfTemplateReader.Result ovf) { return ovf.trustedService(); }
    @Override protected boolean trustedHostFlagIn(OvfTemplateReader.Result ovf) { return ovf.trustedHostFlag(); }
    @Override protected void describe(OvfTemplateReader.Result ovf) { audit().addCustomValue("VmTemplateName", ovf.template().getName()); }

    @Override protected boolean validateNotTaken(OvfTemplateReader.Result ovf) {
        // The Blank template's id exists in every setup, so an OVF claiming it is refused here too.
        VmTemplate existing = context.vmTemplateDao().get(parameters.getId());
        String name = ovf.template().getName();
        // VMs and templates share one table and one id space
        VmStatic vm = context.vmStaticDao().get(parameters.getId());
        return validate(existing == null ? VALID
                        : failWith(EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_ID_ALREADY_USED, "Name", existing.getName()))
                && validate(vm == null ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_ID_ALREADY_USED, "Name", vm.getName()))
                && validate(context.vmTemplateDao().getByName(name) == null ? VALID
                        : failWith(EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NAME_ALREADY_USED, "Name", name));
    }

    @Override protected void executeCommand() {
        VmTemplate template = ovf.template();
        // The directory's id is the one listed and asked for; the id inside the file does not choose it.
        template.setId(parameters.getId());
        template.setClusterId(cluster.getId());
        template.setTrustedHostFlag(ovf.trustedHostFlag());
        if (template.getCreationDate() == null) {
            template.setCreationDate(Instant.now());
        }
        context.vmTemplateDao().save(template);
        recordTrustDecision();
        setReturnValue(template.getId());
    }

    /** The confirmed move out of trust is the warning oVirt writes; a plain import is a normal event. */
    @Override protected AuditLogType auditOnSuccess() {
        return trustLossConfirmed() ? AuditLogType.IMPORTEXPORT_IMPORT_TEMPLATE_FROM_TRUSTED_TO_UNTRUSTED : AuditLogType.USER_IMPORT_VM_TEMPLATE;
    }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_IMPORT_VM_TEMPLATE_FAILED; }
    @Override protected String entityTypeName() { return "Template"; }
}
