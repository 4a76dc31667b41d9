package org.trustpool.bll.monitoring;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.trustpool.bll.LockManager;
import org.trustpool.bll.auditlog.AuditLogable;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.vdsbroker.AgentVm;
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostAgentException;
import org.trustpool.vdsbroker.HostCapabilities;
import org.trustpool.vdsbroker.HostStats;

/**
 * Watches one host. Each refresh asks its agent what is true now and moves the host through
 * Installing -> Initializing -> Up (via InitVdsOnUpCommand), to NonResponsive when the agent
 * stops answering, and reconciles the VMs the engine thinks run there with what the agent reports.
 */
public class VdsManager {
    private static final Logger LOG = Logger.getLogger(VdsManager.class.getName());

    private final UUID vdsId;
    private final MonitoringServices services;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile int failures;
    /**
     * What one agent report alone does not prove: a list can be a moment old when it arrives, so a
     * VM just started or migrated here may be missing from it, and one just stopped may still be in
     * it. A VM is marked Down, or adopted, only when two reports in a row agree (only refresh() uses these).
     */
    private Set<UUID> missingOnce = new HashSet<>();
    private Set<UUID> unexpectedOnce = new HashSet<>();
    /** Claims refused and audited: while the host keeps making one, it is refused again without a new entry. */
    private Set<UUID> refusedClaims = new HashSet<>();
    private final VmClaimPolicy claimPolicy;

    public VdsManager(UUID vdsId, MonitoringServices services) {
        this.vdsId = vdsId;
        this.services = services;
        this.claimPolicy = new VmClaimPolicy(services.clusterDao(), services.broker());
    }

    /**
     * Admin activation: back to Initializing so the next refresh decides (through InitVdsOnUp) whether it may be Up.
     * Only from the status the caller saw (compare-and-set in the database): false when the host changed first,
     * here or on another engine node, and then the caller must not say it was activated.
     */
    public boolean activate(VDSStatus expected) {
        failures = 0;
        return services.vdsDynamicDao().compareAndSetStatusAndReasons(vdsId, expected, VDSStatus.Initializing, NonOperationalReason.NONE);
    }

    /** One monitoring cycle; a cycle still running makes this a no-op, so slow agents never pile up calls. */
    public void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            // A command changing this host right now owns its status; look again next cycle.
            if (services.locks().isLocked(LockManager.vds(vdsId))) {
                return;
            }
            Vds vds = services.vdsDao().get(vdsId);
            if (vds == null) {
                return;
            }
            switch (vds.getStatus()) {
                case Installing, Initializing, NonResponsive, Unassigned, Connecting -> bringUp(vds);
                case Up, NonOperational -> monitor(vds);
                default -> { } // Maintenance and the other admin-held states are left alone.
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "monitoring of host " + vdsId + " failed", e);
        } finally {
            refreshing.set(false);
        }
    }

    private void bringUp(Vds vds) {
        HostAgentClient agent = agentOf(vds);
        HostCapabilities caps;
        HostStats stats;
        List<AgentVm> vms;
        try {
            caps = agent.getCapabilities();
            stats = agent.getStats();
            vms = agent.getVmList();
        } catch (HostAgentException e) {
            onFailure(vds, e);
            return;
        }
        failures = 0;
        VdsDynamic dynamic = vds.getDynamicData();
        dynamic.setCpuCores(caps.cpuCores());
        dynamic.setPhysicalMemMb(caps.memMb());
        applyStats(dynamic, stats);
        services.vdsDynamicDao().updateRuntimeInfo(dynamic);
        // Only from the status we saw: an administrator may have put the host in maintenance meanwhile.
        if (vds.getStatus() != VDSStatus.Initializing
                && !services.vdsDynamicDao().compareAndSetStatus(vdsId, vds.getStatus(), VDSStatus.Initializing)) {
            return;
        }
        services.auditLogDirector().log(AuditLogType.VDS_INITIALIZING, logable(vds)
                .addCustomValue("CpuCores", String.valueOf(caps.cpuCores()))
                .addCustomValue("MemMb", String.valueOf(caps.memMb())));
        reconcileVms(vds, vms);
        IdParameters parameters = new IdParameters(vdsId);
        parameters.setUserName("engine");
        ActionReturnValue result = services.actionRunner().runAction(ActionType.InitVdsOnUp, parameters);
        if (!result.getSucceeded()) {
            LOG.info("host " + vds.getName() + " not brought up: " + result.getMessageTexts());
        }
    }

    private void monitor(Vds vds) {
        HostAgentClient agent = agentOf(vds);
        HostStats stats;
        List<AgentVm> vms;
        try {
            stats = agent.getStats();
            vms = agent.getVmList();
        } catch (HostAgentException e) {
            onFailure(vds, e);
            return;
        }
        failures = 0;
        VdsDynamic dynamic = vds.getDynamicData();
        applyStats(dynamic, stats);
        services.vdsDynamicDao().updateRuntimeInfo(dynamic);
        reconcileVms(vds, vms);
    }

    private static void applyStats(VdsDynamic dynamic, HostStats stats) {
        dynamic.setMemFreeMb(stats.memFreeMb());
        dynamic.setCpuUsagePercent(stats.cpuUsagePercent());
        dynamic.setVmCount(stats.vmCount());
        dynamic.setLastResponse(Instant.now());
    }

    /** A few missed answers in a row (VdsNonResponsiveThreshold), not one, make a host NonResponsive. */
    private void onFailure(Vds vds, HostAgentException e) {
        failures++;
        int threshold = services.config().getInt("VdsNonResponsiveThreshold", 2);
        if (failures < threshold) {
            return;
        }
        if (vds.getStatus() != VDSStatus.NonResponsive) {
            if (!services.vdsDynamicDao().compareAndSetStatus(vdsId, vds.getStatus(), VDSStatus.NonResponsive)) {
                return; // a command changed the host meanwhile; the next cycle looks again
            }
            services.auditLogDirector().log(AuditLogType.VDS_FAILURE, logable(vds).addCustomValue("Reason", e.getMessage()));
        }
        // Its VMs may still run, or not: nobody can tell until the host answers again. Looked at in every
        // cycle while the host stays silent, not only the first: a VM a command held at that moment (a
        // migration off this host, say) is handled once the command has let go, so an HA VM is not left down.
        for (Vm vm : services.vmDao().getAllRunningOnVds(vdsId)) {
            if (leftToItsCommand(vm) || vm.getStatus() == VMStatus.Unknown) {
                continue;
            }
            Seen seen = Seen.of(vm);
            VmDynamic dynamic = vm.getDynamicData();
            if (vm.getStaticData().isAutoStartup()) {
                restartHighlyAvailable(vds, vm, seen);
            } else {
                dynamic.setStatus(VMStatus.Unknown);
                if (record(dynamic, seen)) {
                    services.auditLogDirector().log(AuditLogType.VM_DOWN_HOST_NON_RESPONSIVE, logable(vds).withVm(vm));
                }
            }
        }
    }

    /**
     * High availability: the VM is restarted elsewhere through RunVm, so every filter applies; a
     * VM that needs trust restarts only on a trusted host, or not at all. Without fencing the dead
     * host could in principle still run it; the simulated hosts have no fencing device, so this
     * engine takes "not responding" as "down" for HA VMs, as oVirt does once fencing succeeded.
     * Only the engine node whose compare-and-set to Down wins starts it again; and RunVm's own reservation
     * (which expects Down) stops any second start.
     */
    private void restartHighlyAvailable(Vds vds, Vm vm, Seen seen) {
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(VMStatus.Down);
        dynamic.setRunOnVds(null);
        dynamic.setLastStopTime(Instant.now());
        dynamic.setExitMessage("host " + vds.getName() + " stopped responding");
        if (!record(dynamic, seen)) {
            return; // another node (or a command) recorded this VM first: the restart, if any, is theirs
        }
        RunVmParameters parameters = new RunVmParameters(vm.getId(), null);
        parameters.setUserName("engine");
        ActionReturnValue result = services.actionRunner().runAction(ActionType.RunVm, parameters);
        if (!result.getSucceeded()) {
            services.auditLogDirector().log(AuditLogType.VM_HA_RESTART_FAILED,
                    logable(vds).withVm(vm).addCustomValue("Reason", String.join(" ", result.getMessageTexts())));
        }
    }

    /**
     * The agent is the truth about what runs on it. VMs a command is changing right now are left
     * alone (their command owns them); the rest follow the agent's report.
     */
    private void reconcileVms(Vds vds, List<AgentVm> reported) {
        Set<UUID> reportedIds = new HashSet<>();
        for (AgentVm agentVm : reported) {
            reportedIds.add(agentVm.vmId());
        }
        Set<UUID> missingNow = new HashSet<>();
        Set<UUID> unexpectedNow = new HashSet<>();
        for (Vm vm : services.vmDao().getAllRunningOnVds(vdsId)) {
            if (leftToItsCommand(vm)) {
                reportedIds.remove(vm.getId());
                continue;
            }
            Seen seen = Seen.of(vm);
            VmDynamic dynamic = vm.getDynamicData();
            if (!reportedIds.contains(vm.getId()) && !missingOnce.contains(vm.getId())) {
                missingNow.add(vm.getId());
            } else if (!reportedIds.contains(vm.getId()) && interruptedElsewhere(vds, vm, seen)) {
                // handed over to the migration's destination (see interruptedElsewhere)
            } else if (!reportedIds.contains(vm.getId())) {
                dynamic.setStatus(VMStatus.Down);
                dynamic.setRunOnVds(null);
                dynamic.setLastStopTime(Instant.now());
                dynamic.setExitMessage("host " + vds.getName() + " no longer reports it");
                if (record(dynamic, seen)) {
                    interruptedHere(vds, vm, seen, false);
                    services.auditLogDirector().log(AuditLogType.VM_DOWN_UNEXPECTEDLY, logable(vds).withVm(vm));
                }
            } else if (vm.getStatus() != VMStatus.Up) {
                dynamic.setStatus(VMStatus.Up);
                dynamic.setMigratingToVds(null); // a migration no command is finishing any more: its reservation is released
                if (record(dynamic, seen)) {
                    interruptedHere(vds, vm, seen, true);
                }
            }
            reportedIds.remove(vm.getId());
        }
        // Left: VMs running here that the engine does not place here (e.g. the engine died between
        // starting a VM and recording it). A known VM recorded Down is adopted if this host may run it
        // (VmClaimPolicy); others are refused, and a copy of a VM the engine runs elsewhere is destroyed.
        Set<UUID> refusedNow = new HashSet<>();
        for (UUID unknown : reportedIds) {
            Vm vm = services.vmDao().get(unknown);
            if (vm == null) {
                LOG.fine("host " + vds.getName() + " runs VM " + unknown + " that the engine does not know");
            } else if (leftToItsCommand(vm)) {
                continue; // a command (run, migrate), on this node or another live one, owns this VM right now
            } else if (vm.getStatus() == VMStatus.Down && refusedClaims.contains(unknown) && claimPolicy.check(vds, vm) != null) {
                refusedNow.add(unknown); // refused and audited already; the host keeps claiming it
            } else if (vm.getStatus() == VMStatus.Down && !unexpectedOnce.contains(unknown)) {
                unexpectedNow.add(unknown);
            } else if (vm.getStatus() == VMStatus.Down) {
                VmClaimPolicy.Refusal refusal = claimPolicy.check(vds, vm);
                if (refusal != null) {
                    refusedNow.add(unknown);
                    refuseClaim(vds, vm, refusal);
                    continue;
                }
                Seen seen = Seen.of(vm);
                VmDynamic dynamic = vm.getDynamicData();
                dynamic.setStatus(VMStatus.Up);
                dynamic.setRunOnVds(vdsId);
                if (record(dynamic, seen)) {
                    LOG.info("VM " + vm.getName() + " found running on host " + vds.getName() + "; recorded there");
                }
            } else if (vm.getRunOnVds() != null && !vm.getRunOnVds().equals(vdsId)
                    && !vdsId.equals(vm.getDynamicData().getMigratingToVds())) { // the engine's own migration to here is no copy
                // The engine runs it elsewhere: this host's report never moves the record (only a migration does).
                strayCopy(vds, vm, unexpectedNow);
            }
        }
        missingOnce = missingNow;
        unexpectedOnce = unexpectedNow;
        refusedClaims = refusedNow;
    }

    /**
     * A claim refused: the record stays as it was. A VM that needs trust must not run on a host that
     * may not run it, so that copy is destroyed (the engine records the VM Down, so nothing the engine
     * placed is lost); a copy refused for another reason is only reported.
     */
    private void refuseClaim(Vds vds, Vm vm, VmClaimPolicy.Refusal refusal) {
        AuditLogable entry = logable(vds).withVm(vm).addCustomValue("Reason", refusal.reason());
        if (!refusal.destroyCopy()) {
            services.auditLogDirector().log(AuditLogType.VM_CLAIM_REFUSED, entry);
            return;
        }
        try {
            agentOf(vds).destroyVm(vm.getId());
            services.auditLogDirector().log(AuditLogType.VM_CLAIM_REFUSED_COPY_DESTROYED, entry);
        } catch (RuntimeException e) {
            services.auditLogDirector().log(AuditLogType.VM_CLAIM_REFUSED_COPY_DESTROY_FAILED,
                    entry.addCustomValue("DestroyError", String.valueOf(e.getMessage())));
        }
    }

    /**
     * Whether a command owns the VM right now, so monitoring leaves it alone: it is locked (or in flight) in this
     * JVM's LockManager, or another engine node holds its in-flight mark (vm_dynamic.op_owner). LockManager sees
     * only this JVM, so "not locked here" alone would take a start running on another node for one an engine
     * death interrupted. Whether the mark is held is decided by PostgreSQL (view vms, op_mark_held: the node's
     * engine_node row exists with expires_at > now(), the one clock all nodes share, and the mark is younger than
     * any command keeps a VM in flight), not by this node's clock or memory. Interrupted, and so reconciled here,
     * is a VM not locked here whose mark is missing, not held (its node is dead, or the mark is stale), or names
     * this very node: a mark of ours with no lock here is a command this node lost when it restarted.
     */
    private boolean leftToItsCommand(Vm vm) {
        if (services.locks().isLocked(LockManager.vm(vm.getId()))) {
            return true;
        }
        String owner = vm.getDynamicData().getOpOwner();
        return owner != null && vm.isOpMarkHeld() && !owner.equals(services.node().id());
    }

    /**
     * Writes what monitoring learnt only if the VM is still as this cycle read it (status, host, in-flight mark):
     * a compare-and-set in PostgreSQL, so that two engine nodes (a stale host owner and the new one, or a command
     * that recorded its outcome meanwhile) never both record a transition; the caller audits only when it won.
     */
    private boolean record(VmDynamic next, Seen seen) {
        return services.vmDynamicDao().updateIfUnchanged(next, seen.status(), seen.runOnVds(), seen.opOwner());
    }

    /** A VM's row as this cycle read it, before monitoring changes its copy: what the compare-and-set expects. */
    private record Seen(VMStatus status, UUID runOnVds, String opOwner) {
        static Seen of(Vm vm) {
            return new Seen(vm.getStatus(), vm.getRunOnVds(), vm.getDynamicData().getOpOwner());
        }
    }

    /**
     * A VM found in a command's transitional state with no command in flight on it (VMs left to a command never
     * get here): the engine stopped between reserving and recording. Said in the audit log, since a person
     * will ask why the start or migration they asked for did not happen.
     */
    private void interruptedHere(Vds vds, Vm vm, Seen seen, boolean reported) {
        AuditLogable entry = logable(vds).withVm(vm);
        if (seen.status() == VMStatus.WaitForLaunch && !reported) {
            services.auditLogDirector().log(AuditLogType.VM_START_INTERRUPTED, entry);
        } else if (seen.status() == VMStatus.MigratingFrom && reported) {
            services.auditLogDirector().log(AuditLogType.VM_OPERATION_INTERRUPTED, entry
                    .addCustomValue("Operation", "being migrated from host " + vds.getName())
                    .addCustomValue("Outcome", "it still runs on host " + vds.getName() + ", and the memory reserved for it on the destination is released."));
        }
    }

    /**
     * A VM that was migrating from this host when the engine stopped, and this host no longer runs it: it
     * may run on the destination now, so its record moves there (MigratingTo) and that host's monitoring
     * decides, from its own agent's report, whether it is Up there or Down.
     */
    private boolean interruptedElsewhere(Vds vds, Vm vm, Seen seen) {
        if (vm.getStatus() != VMStatus.MigratingFrom || vm.getDynamicData().getMigratingToVds() == null) {
            return false;
        }
        VmDynamic dynamic = vm.getDynamicData();
        dynamic.setStatus(VMStatus.MigratingTo);
        dynamic.setRunOnVds(dynamic.getMigratingToVds());
        dynamic.setMigratingToVds(null);
        if (!record(dynamic, seen)) {
            return true; // recorded by someone else first (their entry stands); not a VM that went down either
        }
        services.auditLogDirector().log(AuditLogType.VM_OPERATION_INTERRUPTED, logable(vds).withVm(vm)
                .addCustomValue("Operation", "being migrated from host " + vds.getName())
                .addCustomValue("Outcome", "host " + vds.getName() + " no longer runs it; it is recorded on the destination, whose report decides whether it is Up there."));
        return true;
    }

    /**
     * A VM the engine runs on another host, reported here too and no command moving it: a second copy,
     * typically left on a host that stopped answering while its HA VM was restarted elsewhere, and it
     * may be a host that is no longer trusted. Seen in two reports in a row (a migration's last moment
     * is not a copy), it is destroyed here, and the audit log says so.
     */
    private void strayCopy(Vds vds, Vm vm, Set<UUID> unexpectedNow) {
        if (!unexpectedOnce.contains(vm.getId())) {
            unexpectedNow.add(vm.getId());
            return;
        }
        AuditLogable entry = logable(vds).withVm(vm).addCustomValue("RunOnVdsName", String.valueOf(vm.getRunOnVdsName()));
        try {
            agentOf(vds).destroyVm(vm.getId());
            services.auditLogDirector().log(AuditLogType.VM_STRAY_COPY_DESTROYED, entry);
        } catch (RuntimeException e) {
            services.auditLogDirector().log(AuditLogType.VM_STRAY_COPY_DESTROY_FAILED, entry.addCustomValue("Reason", String.valueOf(e.getMessage())));
        }
    }

    private HostAgentClient agentOf(Vds vds) {
        return services.hostAgents().forHost(vds.getStaticData().getHostName(), vds.getStaticData().getPort());
    }

    private AuditLogable logable(Vds vds) {
        return new AuditLogable().withUser("engine", null).withVds(vds).withCluster(vds.getClusterId(), vds.getClusterName());
    }
}
