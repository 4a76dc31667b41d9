package org.trustpool.bll.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.scheduling.PlacementRefusal;
import org.trustpool.bll.scheduling.SchedulingRequest;
import org.trustpool.bll.scheduling.SchedulingResult;
import org.trustpool.bll.validator.VmValidator;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.dal.VmDynamicDao.Reservation;
import org.trustpool.vdsbroker.HostAgentClient;

/** Commands on one existing VM: lock it, read it once the lock is held, check it exists. */
abstract class VmCommandBase<P extends IdParameters> extends CommandBase<P> {
    /** How many hosts a placement tries to reserve before it gives up to concurrent placements. */
    private static final int PLACEMENT_ATTEMPTS = 5;

    protected Vm vm;
    protected VmValidator vmValidator;

    protected VmCommandBase(P parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.vm(parameters.getId()));
    }

    protected boolean loadAndCheckExists() {
        vm = context.vmDao().get(parameters.getId());
        vmValidator = new VmValidator(vm);
        if (vm != null) {
            audit().withVm(vm).withCluster(vm.getClusterId(), vm.getClusterName());
        }
        return validate(vmValidator.exists());
    }

    /**
     * Before any lock: when the VM needs trust, the verdicts of its cluster's hosts are fetched (one
     * shared, batched refresh for those without one), so that placement under the VM's lock then
     * decides from the cache alone and never waits on the attestation service while holding a lock.
     */
    protected void fetchVerdictsBeforeLocking() {
        Vm unlocked = context.vmDao().get(parameters.getId());
        if (unlocked == null) {
            return; // validate() says so, under the lock
        }
        SchedulingRequest request = SchedulingRequest.run(unlocked, null).withCluster(context.clusterDao().get(unlocked.getClusterId()));
        if (request.requiresTrust()) {
            context.attestationBroker().ensureVerdicts(
                    context.vdsDao().getAllForCluster(unlocked.getClusterId()).stream().map(Vds::getId).toList());
        }
    }

    /** The request with the VM's cluster read once (no network: verdicts were fetched before locking). */
    protected SchedulingRequest prepared(SchedulingRequest unresolved) {
        return unresolved.withCluster(context.clusterDao().get(vm.getClusterId()));
    }

    /**
     * Reserves a host for the VM in the database (VmDynamicDao.reserveFor*): the host validation chose
     * first, and if a concurrent placement took its room meanwhile (here or in another engine), the
     * scheduler chooses again from what is now committed, a few times. So two placements can never both
     * take the last room on a host, and no lock spans the agent call that follows.
     */
    protected Vds reserveHost(Vds chosen, SchedulingRequest request, boolean trustRequired, Function<Vds, Reservation> reserve) {
        Vds candidate = chosen;
        List<String> lost = new ArrayList<>();
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            requireStillTrusted(candidate, trustRequired);
            Reservation reservation = reserve.apply(candidate);
            switch (reservation) {
                case RESERVED:
                    return candidate;
                case VM_CHANGED:
                    throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_OBJECT_LOCKED, "VM changed meanwhile");
                default:
                    lost.add(candidate.getName() + (reservation == Reservation.NO_ROOM ? " was filled" : " left Up"));
            }
            SchedulingResult again = context.schedulingManager().schedule(request);
            if (again.host().isEmpty()) {
                throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_HOST_TAKEN_MEANWHILE, "Concurrent placements took the room left ("
                        + String.join(", ", lost) + "), and now " + PlacementRefusal.describe(request, again));
            }
            candidate = again.host().get();
        }
        throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_HOST_TAKEN_MEANWHILE, "Concurrent placements took the room of "
                + String.join(", ", lost) + " first; try again.");
    }

    /**
     * When the host is reserved, moments before the agent is told to run the VM there: when the VM needs
     * trust, that host must still be Up and TRUSTED now (from the cache and the database: no network). Validation chose it from the cache a moment ago, and re-attestation
     * may have turned it untrusted since (it updates the cache before it takes the host out); without this
     * the VM would start there and run until the next re-attestation cycle moves it.
     */
    protected void requireStillTrusted(Vds chosen, boolean trustRequired) {
        if (!trustRequired) {
            return;
        }
        HostTrust trust = context.attestationBroker().currentTrust(chosen.getId());
        Vds now = context.vdsDao().get(chosen.getId());
        if (!trust.isTrusted() || now == null || now.getStatus() != VDSStatus.Up) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_HOST_TRUST_CHANGED, "Host " + chosen.getName()
                    + " stopped being a trusted, Up host while the VM was placed (" + trust.level() + ": " + trust.reason()
                    + (now == null ? "" : ", " + now.getStatus()) + "); nothing was started there. Try again.");
        }
    }

    /** This engine node's id: the in-flight mark (vm_dynamic.op_owner) the command's reservation or stop records. */
    protected String thisNode() {
        return context.engineNode().id();
    }

    /**
     * The outcome write: {@code next} is recorded, and the VM's in-flight mark cleared, only if the VM is still in
     * the transitional status this command set, on {@code runOnVds}, marked by this node. The LockManager only
     * guards this JVM; the compare-and-set in PostgreSQL is what keeps another engine node's monitoring (which
     * may have judged this command interrupted, e.g. after a pause longer than this node's heartbeat) and this
     * command from both recording an outcome. Losing is a failure with the reason, not a silent overwrite: the
     * success audit entry is written only when this write won.
     */
    protected void recordOutcome(VmDynamic next, VMStatus transitional, UUID runOnVds) {
        if (!context.vmDynamicDao().updateIfUnchanged(next, transitional, runOnVds, thisNode())) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_STATE_RECORDED_MEANWHILE, "VM " + vm.getName()
                    + " is no longer " + transitional + " under this command (monitoring or another engine node recorded it"
                    + " meanwhile); its state is left as they recorded it, and monitoring reconciles it with the host.");
        }
    }

    /** The VM's lock key, marked in flight while its agent call runs. */
    protected Set<String> thisVm() {
        return Set.of(LockManager.vm(parameters.getId()));
    }

    protected HostAgentClient agentOf(Vds host) {
        return context.hostAgents().forHost(host.getStaticData().getHostName(), host.getStaticData().getPort());
    }

    @Override protected String entityTypeName() { return "VM"; }
}
