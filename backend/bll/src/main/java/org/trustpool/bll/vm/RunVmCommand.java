package org.trustpool.bll.vm;

import static org.trustpool.common.errors.ValidationResult.failWith;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.scheduling.SchedulingManager;
import org.trustpool.bll.scheduling.SchedulingRequest;
import org.trustpool.bll.scheduling.SchedulingResult;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.vdsbroker.HostAgentException;

/** Starts a VM on the host the scheduler picks (or the one asked for, if it passes the filters). */
public class RunVmCommand extends VmCommandBase<RunVmParameters> {
    private Vds host;
    private boolean trustRequired;

    public RunVmCommand(RunVmParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.vm(parameters.getId()), LockManager.SCHEDULING);
    }

    @Override protected boolean validate() {
        if (!loadAndCheckExists() || !validate(vmValidator.isDown())) {
            return false;
        }
        // The SCHEDULING lock is held from here to commit, so the host chosen now is still free in execute.
        // A VM pinned to a host runs there or nowhere (the requested host still has to pass every filter).
        UUID wanted = parameters.getDestVdsId() != null ? parameters.getDestVdsId() : vm.getStaticData().getDedicatedVmForVds();
        SchedulingRequest request = prepared(SchedulingRequest.run(vm, wanted));
        trustRequired = request.requiresTrust();
        SchedulingResult result = context.schedulingManager().schedule(request);
        if (result.host().isEmpty()) {
            return validate(failWith(EngineMessage.ACTION_TYPE_FAILED_NO_HOST_AVAILABLE,
                    "Reasons", SchedulingManager.describe(result.dropReasons())));
        }
        host = result.host().get();
        audit().withVds(host);
        return true;
    }

    @Override protected void executeCommand() {
        requireStillTrusted(host, trustRequired);
        try {
            agentOf(host).createVm(vm.getId(), vm.getName(), vm.getStaticData().getMemSizeMb(), vm.getStaticData().getNumOfCpus());
        } catch (HostAgentException e) {
            throw new EngineException(EngineMessage.VDS_COMMAND_FAILED, e.getMessage(), e);
        }
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(VMStatus.Up);
        dynamic.setRunOnVds(host.getId());
        dynamic.setMigratingToVds(null);
        dynamic.setLastStartTime(Instant.now());
        dynamic.setExitMessage(null);
        context.vmDynamicDao().update(dynamic);
        setReturnValue(host.getId());
    }

    /** A trusted VM that found no trusted host is a security event an administrator wants to see. */
    @Override protected AuditLogType auditOnValidationFailure() {
        return trustRequired ? AuditLogType.USER_RUN_VM_ON_NON_TRUSTED_HOST_DENIED : null;
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_STARTED_VM; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_FAILED_RUN_VM; }
    @Override protected String actionVerb() { return "run"; }
}
