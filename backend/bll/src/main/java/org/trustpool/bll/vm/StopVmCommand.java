package org.trustpool.bll.vm;

import java.time.Instant;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.RemoteStep;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.vdsbroker.HostAgentException;

/**
 * Powers a VM off through its host's agent: PoweringDown in a short transaction under the VM's lock,
 * then the agent call with nothing held, then Down (or back to the status it had, with the reason,
 * when the host could not be told).
 */
public class StopVmCommand extends VmCommandBase<IdParameters> {
    private Vds host;
    private VMStatus before;
    private java.util.UUID runOnVds;

    public StopVmCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected boolean validate() {
        return loadAndCheckExists() && validate(vmValidator.isRunning());
    }

    @Override protected void executeCommand() {
        host = vm.getRunOnVds() == null ? null : context.vdsDao().get(vm.getRunOnVds());
        if (host != null) {
            audit().withVds(host);
        }
        before = vm.getStatus();
        runOnVds = vm.getRunOnVds();
        // Marked in flight on this node: another node's monitoring leaves the VM to this command while this node lives.
        if (!context.vmDynamicDao().beginOperation(vm.getId(), before, VMStatus.PoweringDown, thisNode())) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_OBJECT_LOCKED, "VM changed meanwhile");
        }
        vm.getDynamicData().setStatus(VMStatus.PoweringDown);
    }

    @Override protected RemoteStep remoteStep() {
        return new RemoteStep(thisVm(), "VM " + vm.getName() + " is being stopped" + (host == null ? "" : " on host " + host.getName()),
                this::destroyOnAgent, this::recordStopped, this::recordNotStopped);
    }

    private void destroyOnAgent() {
        if (host == null) {
            return;
        }
        try {
            agentOf(host).destroyVm(vm.getId());
        } catch (HostAgentException e) {
            // The agent not knowing the VM means it is already gone: the goal is reached.
            // Anything else (unreachable host) leaves it possibly running, so we must not record it Down.
            if (e.getCode() != HostAgentException.NO_VM) {
                throw new EngineException(EngineMessage.VDS_COMMAND_FAILED, e.getMessage(), e);
            }
        }
    }

    private void recordStopped() {
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(VMStatus.Down);
        dynamic.setRunOnVds(null);
        dynamic.setMigratingToVds(null);
        dynamic.setLastStopTime(Instant.now());
        dynamic.setExitMessage("stopped by " + parameters.getUserName());
        recordOutcome(dynamic, VMStatus.PoweringDown, runOnVds);
    }

    private String recordNotStopped(EngineException cause) {
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(before);
        recordOutcome(dynamic, VMStatus.PoweringDown, runOnVds);
        return "VM " + vm.getName() + " is " + before + " as before; it may still run on host " + host.getName() + ".";
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_STOP_VM; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_FAILED_STOP_VM; }
    @Override protected String actionVerb() { return "stop"; }
}
