package org.trustpool.bll.vm;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Set;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.RemoteStep;
import org.trustpool.bll.scheduling.PlacementRefusal;
import org.trustpool.bll.scheduling.SchedulingRequest;
import org.trustpool.bll.scheduling.SchedulingResult;
import org.trustpool.bll.validator.VdsValidator;
import org.trustpool.common.action.MigrateVmParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.vdsbroker.HostAgentException;

/** Moves a running VM to another host: the requested one if it passes the filters, else the scheduler's pick. */
public class MigrateVmCommand extends VmCommandBase<MigrateVmParameters> {
    private Vds source;
    private Vds destination;
    private boolean trustRequired;
    private SchedulingRequest request;

    public MigrateVmCommand(MigrateVmParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    /** A destination named by the user must not change (be put into maintenance) while the VM is placed on it. */
    @Override protected Set<String> sharedLocks() {
        return parameters.getTargetVdsId() == null ? Set.of() : Set.of(LockManager.vds(parameters.getTargetVdsId()));
    }

    @Override protected void prepare() {
        fetchVerdictsBeforeLocking();
    }

    @Override protected boolean validate() {
        if (!loadAndCheckExists() || !validate(vmValidator.isUp()) || !validate(vmValidator.canMigrate())) {
            return false;
        }
        source = context.vdsDao().get(vm.getRunOnVds());
        audit().withVds(source);
        if (source == null) {
            return validate(failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_NOT_FOUND));
        }
        if (parameters.getTargetVdsId() != null) {
            Vds target = context.vdsDao().get(parameters.getTargetVdsId());
            if (!validate(new VdsValidator(target).exists()) || !validate(notSameHost(target))) {
                return false;
            }
        }
        request = prepared(SchedulingRequest.migrate(vm, parameters.getTargetVdsId()));
        trustRequired = request.requiresTrust();
        SchedulingResult result = context.schedulingManager().schedule(request);
        if (result.host().isEmpty()) {
            return validate(PlacementRefusal.of(request, result));
        }
        destination = result.host().get();
        audit().addCustomValue("DestinationVdsName", destination.getName());
        return true;
    }

    private ValidationResult notSameHost(Vds target) {
        return target.getId().equals(source.getId()) ? failWith(EngineMessage.ACTION_TYPE_FAILED_MIGRATION_TO_SAME_HOST) : VALID;
    }

    /** The short transaction: the destination's capacity reserved in the database, the VM MigratingFrom the source. */
    @Override protected void executeCommand() {
        destination = reserveHost(destination, request, trustRequired,
                candidate -> context.vmDynamicDao().reserveForMigration(vm.getId(), source.getId(), candidate.getId(), thisNode()));
        audit().addCustomValue("DestinationVdsName", destination.getName());
        vm.getDynamicData().setStatus(VMStatus.MigratingFrom);
        vm.getDynamicData().setMigratingToVds(destination.getId());
        setReturnValue(destination.getId());
    }

    @Override protected RemoteStep remoteStep() {
        return new RemoteStep(thisVm(), "VM " + vm.getName() + " is being migrated from host " + source.getName()
                + " to host " + destination.getName(), this::migrateOnAgent, this::recordMoved, this::recordNotMoved);
    }

    private void migrateOnAgent() {
        try {
            String destinationUrl = agentOf(destination).endpoint();
            agentOf(source).migrateVm(vm.getId(), destinationUrl);
        } catch (HostAgentException e) {
            // The agent protocol leaves the VM running on the source when a migration fails.
            throw new EngineException(EngineMessage.VDS_COMMAND_FAILED, e.getMessage(), e);
        }
    }

    private void recordMoved() {
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(VMStatus.Up);
        dynamic.setRunOnVds(destination.getId());
        dynamic.setMigratingToVds(null);
        recordOutcome(dynamic, VMStatus.MigratingFrom, source.getId());
    }

    private String recordNotMoved(EngineException cause) {
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(VMStatus.Up);
        dynamic.setRunOnVds(source.getId());
        dynamic.setMigratingToVds(null);
        recordOutcome(dynamic, VMStatus.MigratingFrom, source.getId());
        return "VM " + vm.getName() + " still runs on host " + source.getName() + "; the memory reserved for it on host "
                + destination.getName() + " is released.";
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.VM_MIGRATION_DONE; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.VM_MIGRATION_FAILED; }
    @Override protected String actionVerb() { return "migrate"; }
}
