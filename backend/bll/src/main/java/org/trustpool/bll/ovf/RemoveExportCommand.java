package org.trustpool.bll.ovf;

import static org.trustpool.common.errors.ValidationResult.failWith;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.errors.EngineMessage;

/** Removes one export (a VM's or a template's OVF) from the export directory. */
public class RemoveExportCommand extends CommandBase<IdParameters> {
    private final ExportDirectory.Kind kind;

    public RemoveExportCommand(IdParameters parameters, CommandContext context, ExportDirectory.Kind kind) {
        super(parameters, context);
        this.kind = kind;
        audit().addCustomValue("ExportType", entityTypeName()).addCustomValue("ExportName", String.valueOf(parameters.getId()));
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(ExportDirectory.lockKey(kind, parameters.getId()));
    }

    @Override protected boolean validate() {
        if (!context.exportDirectory().exists(kind, parameters.getId())) {
            return validate(failWith(EngineMessage.ACTION_TYPE_FAILED_EXPORT_NOT_FOUND));
        }
        audit().addCustomValue("ExportName", nameOrId());
        return true;
    }

    /**
     * The name in the OVF for the audit entry. A broken file can still be removed, and so can one whose
     * name is not a valid name (it could put misleading words into the audit log): both are named by id.
     */
    private String nameOrId() {
        try (InputStream in = context.exportDirectory().open(kind, parameters.getId())) {
            String name = kind == ExportDirectory.Kind.VM ? new OvfVmReader().read(in).vm().getName()
                    : new OvfTemplateReader().read(in).template().getName();
            return EntityValidators.validName(name).isValid() ? name : String.valueOf(parameters.getId());
        } catch (OvfException | IOException e) {
            return String.valueOf(parameters.getId());
        }
    }

    @Override protected void executeCommand() {
        try {
            context.exportDirectory().remove(kind, parameters.getId());
        } catch (IOException e) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_EXPORT_DIRECTORY_UNUSABLE, String.valueOf(e), e);
        }
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_REMOVE_EXPORT; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_REMOVE_EXPORT_FAILED; }
    @Override protected String actionVerb() { return "remove"; }
    @Override protected String entityTypeName() { return kind == ExportDirectory.Kind.VM ? "VM" : "Template"; }
}
