package org.trustpool.bll.vm;


import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.RemoteStep;
import org.trustpool.bll.scheduling.PlacementRefusal;
import org.trustpool.bll.scheduling.SchedulingRequest;
import org.trustpool.bll.scheduling.SchedulingResult;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.vdsbroker.HostAgentException;

/**
 * Starts a VM on the host the scheduler picks (or the one asked for, if it passes the filters), in
 * three steps so that no lock or transaction spans the agent call: under the VM's lock, a short
 * transaction reserves the host (the VM becomes WaitForLaunch there, its memory counted); then the
 * agent is asked with nothing held; then the outcome is recorded: Up, or Down again with the
 * reservation released and the reason in the audit log.
 */
public class RunVmCommand extends VmCommandBase<RunVmParameters> {
    private Vds host;
    private boolean trustRequired;
    private SchedulingRequest request;

    public RunVmCommand(RunVmParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    /** A host named by the user must not change (be put into maintenance) while the VM is placed on it. */
    @Override protected Set<String> sharedLocks() {
        Set<String> keys = new HashSet<>();
        if (parameters.getDestVdsId() != null) {
            keys.add(LockManager.vds(parameters.getDestVdsId()));
        }
        return keys;
    }

    @Override protected void prepare() {
        fetchVerdictsBeforeLocking();
    }

    @Override protected boolean validate() {
        if (!loadAndCheckExists() || !validate(vmValidator.isDown())) {
            return false;
        }
        // A VM pinned to a host runs there or nowhere (the requested host still has to pass every filter).
        UUID wanted = parameters.getDestVdsId() != null ? parameters.getDestVdsId() : vm.getStaticData().getDedicatedVmForVds();
        request = prepared(SchedulingRequest.run(vm, wanted));
        trustRequired = request.requiresTrust();
        SchedulingResult result = context.schedulingManager().schedule(request);
        if (result.host().isEmpty()) {
            return validate(PlacementRefusal.of(request, result));
        }
        host = result.host().get();
        audit().withVds(host);
        return true;
    }

    /** The short transaction: the host's capacity reserved in the database, the VM WaitForLaunch on it. */
    @Override protected void executeCommand() {
        Instant now = Instant.now();
        host = reserveHost(host, request, trustRequired, candidate -> context.vmDynamicDao().reserveForRun(vm.getId(), candidate.getId(), now, thisNode()));
        audit().withVds(host);
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(VMStatus.WaitForLaunch);
        dynamic.setRunOnVds(host.getId());
        dynamic.setMigratingToVds(null);
        dynamic.setLastStartTime(now);
        dynamic.setExitMessage(null);
        setReturnValue(host.getId());
    }

    @Override protected RemoteStep remoteStep() {
        return new RemoteStep(thisVm(), "VM " + vm.getName() + " is being started on host " + host.getName(),
                this::createOnAgent, this::recordStarted, this::recordNotStarted);
    }

    private void createOnAgent() {
        try {
            agentOf(host).createVm(vm.getId(), vm.getName(), vm.getStaticData().getMemSizeMb(), vm.getStaticData().getNumOfCpus());
        } catch (HostAgentException e) {
            throw new EngineException(EngineMessage.VDS_COMMAND_FAILED, e.getMessage(), e);
        }
    }

    private void recordStarted() {
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(VMStatus.Up);
        recordOutcome(dynamic, VMStatus.WaitForLaunch, host.getId());
    }

    /** Down again: that releases the memory reserved on the host (nothing counts a Down VM). */
    private String recordNotStarted(EngineException cause) {
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(VMStatus.Down);
        dynamic.setRunOnVds(null);
        dynamic.setLastStopTime(Instant.now());
        dynamic.setExitMessage("could not start on host " + host.getName() + ": " + cause.getMessage());
        recordOutcome(dynamic, VMStatus.WaitForLaunch, host.getId());
        return "VM " + vm.getName() + " is Down and the memory reserved for it on host " + host.getName() + " is released.";
    }

    /** A trusted VM that found no trusted host is a security event an administrator wants to see. */
    @Override protected AuditLogType auditOnValidationFailure() {
        return trustRequired ? AuditLogType.USER_RUN_VM_ON_NON_TRUSTED_HOST_DENIED : null;
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_STARTED_VM; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_FAILED_RUN_VM; }
    @Override protected String actionVerb() { return "run"; }
}
