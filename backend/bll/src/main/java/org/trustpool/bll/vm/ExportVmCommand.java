package org.trustpool.bll.vm;

import java.util.Set;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.ovf.ExportDirectory;
import org.trustpool.bll.ovf.OvfVmWriter;
import org.trustpool.common.action.ExportParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;

/** Writes a powered-off VM as OVF into the export directory, with both trust properties. */
public class ExportVmCommand extends VmCommandBase<ExportParameters> {

    public ExportVmCommand(ExportParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(ExportDirectory.lockKey(ExportDirectory.Kind.VM, parameters.getId()));
    }

    /** The VM is only read: it must stay Down and unchanged while it is written out, and two exports of it may not mix. */
    @Override protected Set<String> sharedLocks() {
        return Set.of(LockManager.vm(parameters.getId()));
    }

    @Override protected boolean validate() {
        return loadAndCheckExists() && validate(vmValidator.isDown())
                && validate(context.exportDirectory().mayWrite(ExportDirectory.Kind.VM, vm.getId(), vm.getName(), parameters.isOverwrite()));
    }

    @Override protected void executeCommand() {
        Cluster cluster = context.clusterDao().get(vm.getClusterId());
        audit().addCustomValue("Path", context.exportDirectory().ovf(ExportDirectory.Kind.VM, vm.getId()).toString());
        context.exportDirectory().export(ExportDirectory.Kind.VM, vm.getId(), parameters.isOverwrite(),
                () -> new OvfVmWriter().write(vm.getStaticData(), cluster.getName(), cluster.isTrustedService(), vm.getTemplateName()));
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_EXPORT_VM; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_EXPORT_VM_FAILED; }
    @Override protected String actionVerb() { return "export"; }
}
