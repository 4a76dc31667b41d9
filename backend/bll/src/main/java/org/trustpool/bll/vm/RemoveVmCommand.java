package org.trustpool.bll.vm;

import org.trustpool.bll.CommandContext;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;

public class RemoveVmCommand extends VmCommandBase<IdParameters> {

    public RemoveVmCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists() && validate(vmValidator.isDown());
    }

    @Override protected void executeCommand() {
        context.vmDynamicDao().remove(vm.getId());
        context.vmStaticDao().remove(vm.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_REMOVE_VM; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_REMOVE_VM_FAILED; }
    @Override protected String actionVerb() { return "remove"; }
}
