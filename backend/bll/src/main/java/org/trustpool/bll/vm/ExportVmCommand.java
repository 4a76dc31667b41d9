package org.trustpool.bll.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.ovf.OvfException;
import org.trustpool.bll.ovf.OvfVmWriter;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.errors.EngineMessage;

/** Writes a powered-off VM as OVF into the export directory, with both trust properties. */
public class ExportVmCommand extends VmCommandBase<IdParameters> {

    public ExportVmCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists() && validate(vmValidator.isDown());
    }

    @Override protected void executeCommand() {
        Cluster cluster = context.clusterDao().get(vm.getClusterId());
        Path target = context.exportDirectory().vmOvf(vm.getId());
        audit().addCustomValue("Path", target.toString());
        try {
            String ovf = new OvfVmWriter().write(vm.getStaticData(), cluster.getName(), cluster.isTrustedService(), vm.getTemplateName());
            Files.createDirectories(target.getParent());
            // Written beside and moved in, so a reader never sees half a file.
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.writeString(partial, ovf, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (OvfException | IOException e) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_OVF_INVALID, e.getMessage(), e);
        }
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_EXPORT_VM; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_EXPORT_VM_FAILED; }
    @Override protected String actionVerb() { return "export"; }
}
