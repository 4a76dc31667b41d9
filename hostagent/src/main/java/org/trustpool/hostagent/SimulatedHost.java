package org.trustpool.hostagent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One simulated hypervisor host: identity, fixed capacity, its TPM and the VMs it runs.
 * It knows nothing about HTTP or JSON.
 * Every VM method is synchronized because a host is served by many HTTP threads at once
 * (the TPM guards itself).
 */
public final class SimulatedHost {

    private final UUID id;
    private final String name;
    private final HostCapacity capacity;
    private final Tpm tpm;
    /** Insertion order keeps Host.getVMList output stable. */
    private final Map<UUID, Vm> vms = new LinkedHashMap<>();

    /** A host with a fresh AIK that booted the default platform honestly. */
    public SimulatedHost(UUID id, String name, HostCapacity capacity) {
        this(id, name, capacity, bootedTpm());
    }

    public SimulatedHost(UUID id, String name, HostCapacity capacity, Tpm tpm) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.capacity = Objects.requireNonNull(capacity);
        this.tpm = Objects.requireNonNull(tpm);
    }

    private static SoftwareTpm bootedTpm() {
        SoftwareTpm tpm = new SoftwareTpm(AikStore.generate());
        MeasuredBoot.boot(tpm, SimulatorOptions.defaultPlatform(), false);
        return tpm;
    }

    public Tpm tpm() {
        return tpm;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public HostCapacity capacity() {
        return capacity;
    }

    /** Starts a VM (also used for the receiving side of a migration). Memory is never overcommitted. */
    public synchronized Vm createVm(UUID vmId, String vmName, int memMb, int cpus) throws AgentException {
        if (vms.containsKey(vmId)) {
            throw new AgentException(AgentError.VM_EXISTS, "VM " + vmId + " already exists on " + name);
        }
        int free = capacity.memMb() - usedMemMb();
        if (memMb > free) {
            throw new AgentException(AgentError.NO_MEMORY,
                    "VM " + vmId + " needs " + memMb + " MB but only " + free + " MB are free on " + name);
        }
        Vm vm = new Vm(vmId, vmName, memMb, cpus, VmStatus.UP);
        vms.put(vmId, vm);
        return vm;
    }

    /** Powers a VM off and forgets it; returns its last state marked Down. */
    public synchronized Vm destroyVm(UUID vmId) throws AgentException {
        Vm vm = vms.remove(vmId);
        if (vm == null) {
            throw noVm(vmId);
        }
        return vm.withStatus(VmStatus.DOWN);
    }

    public synchronized List<Vm> vms() {
        return List.copyOf(vms.values());
    }

    public synchronized HostStats stats() {
        int used = usedMemMb();
        long vcpus = 0;
        for (Vm vm : vms.values()) {
            vcpus += vm.cpus();
        }
        // Deterministic stand-in for load: share of cores covered by vCPUs, capped like a real gauge.
        int cpuPercent = (int) Math.min(100L, vcpus * 100L / capacity.cpuCores());
        return new HostStats(capacity.memMb() - used, used, cpuPercent, vms.size());
    }

    /**
     * Marks a VM as leaving. The caller then talks to the destination without holding this
     * host's lock (so two hosts migrating towards each other cannot block one another) and
     * finishes with {@link #finishMigration} or {@link #abortMigration}.
     */
    public synchronized Vm beginMigration(UUID vmId) throws AgentException {
        Vm vm = vms.get(vmId);
        if (vm == null) {
            throw noVm(vmId);
        }
        if (vm.status() == VmStatus.MIGRATION_SOURCE) {
            throw new AgentException(AgentError.MIGRATION_FAILED, "VM " + vmId + " is already migrating");
        }
        vms.put(vmId, vm.withStatus(VmStatus.MIGRATION_SOURCE));
        return vm;
    }

    /** The destination runs the VM now; drop the local copy (unless it was destroyed meanwhile). */
    public synchronized void finishMigration(UUID vmId) {
        Vm vm = vms.get(vmId);
        if (vm != null && vm.status() == VmStatus.MIGRATION_SOURCE) {
            vms.remove(vmId);
        }
    }

    /** The migration failed; the VM simply keeps running here. */
    public synchronized void abortMigration(UUID vmId) {
        Vm vm = vms.get(vmId);
        if (vm != null && vm.status() == VmStatus.MIGRATION_SOURCE) {
            vms.put(vmId, vm.withStatus(VmStatus.UP));
        }
    }

    private int usedMemMb() {
        int used = 0;
        for (Vm vm : vms.values()) {
            used += vm.memMb();
        }
        return used;
    }

    private AgentException noVm(UUID vmId) {
        return new AgentException(AgentError.NO_VM, "VM " + vmId + " is not on " + name);
    }
}
