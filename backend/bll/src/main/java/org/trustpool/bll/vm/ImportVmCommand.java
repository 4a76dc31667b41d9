package org.trustpool.bll.vm;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.ovf.ExportDirectory;
import org.trustpool.bll.ovf.ImportCommandBase;
import org.trustpool.bll.ovf.OvfException;
import org.trustpool.bll.ovf.OvfVmReader;
import org.trustpool.common.action.ImportParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;

/**
 * Creates a VM from its OVF in the export directory, in the cluster the administrator chose, down.
 * TrustedHostFlag always travels with the VM; a VM from a trusted cluster going into one that is not
 * trusted needs the confirmation (see {@link ImportCommandBase}).
 */
public class ImportVmCommand extends ImportCommandBase<OvfVmReader.Result> {

    public ImportVmCommand(ImportParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected ExportDirectory.Kind kind() { return ExportDirectory.Kind.VM; }
    @Override protected OvfVmReader.Result read(InputStream file) throws OvfException { return new OvfVmReader().read(file); }
    @Override protected String nameIn(OvfVmReader.Result ovf) { return ovf.vm().getName(); }
    @Override protected boolean trustedServiceIn(OvfVmReader.Result ovf) { return ovf.trustedService(); }
    @Override protected boolean trustedHostFlagIn(OvfVmReader.Result ovf) { return ovf.trustedHostFlag(); }
    @Override protected void describe(OvfVmReader.Result ovf) { audit().withVm(parameters.getId(), ovf.vm().getName()); }

    @Override protected Set<String> exclusiveLocks() {
        Set<String> locks = new HashSet<>(super.exclusiveLocks());
        locks.add(LockManager.vm(parameters.getId()));
        return locks;
    }

    @Override protected boolean validateNotTaken(OvfVmReader.Result ovf) {
        VmStatic existing = context.vmStaticDao().get(parameters.getId());
        String name = ovf.vm().getName();
        // VMs and templates share one table and one id space
        VmTemplate template = context.vmTemplateDao().get(parameters.getId());
        return validate(existing == null ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_ID_ALREADY_USED, "Name", existing.getName()))
                && validate(template == null ? VALID
                        : failWith(EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_ID_ALREADY_USED, "Name", template.getName()))
                && validate(context.vmStaticDao().getByName(name) == null ? VALID
                        : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_NAME_ALREADY_USED, "Name", name));
    }

    @Override protected void executeCommand() {
        VmStatic vm = ovf.vm();
        vm.setId(parameters.getId());
        vm.setClusterId(cluster.getId());
        // The template may not exist in this setup (import it first to keep the link); Blank keeps the VM valid.
        // Pinning to a host does not travel: host ids mean nothing in another setup.
        VmTemplate template = ovf.templateId() == null ? null : context.vmTemplateDao().get(ovf.templateId());
        vm.setTemplateId(template != null ? template.getId() : VmTemplate.BLANK_TEMPLATE_ID);
        vm.setDedicatedVmForVds(null);
        vm.setTrustedHostFlag(ovf.trustedHostFlag());
        if (vm.getCreationDate() == null) {
            vm.setCreationDate(Instant.now());
        }
        context.vmStaticDao().save(vm);
        VmDynamic dynamic = new VmDynamic();
        dynamic.setId(vm.getId());
        dynamic.setStatus(VMStatus.Down);
        context.vmDynamicDao().save(dynamic);
        recordTrustDecision();
        setReturnValue(vm.getId());
    }

    /** The confirmed move out of trust is the warning oVirt writes; a plain import is a normal event. */
    @Override protected AuditLogType auditOnSuccess() {
        return trustLossConfirmed() ? AuditLogType.IMPORTEXPORT_IMPORT_VM_FROM_TRUSTED_TO_UNTRUSTED : AuditLogType.USER_IMPORT_VM;
    }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_IMPORT_VM_FAILED; }
    @Override protected String entityTypeName() { return "VM"; }
}
