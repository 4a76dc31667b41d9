package org.trustpool.hostagent;

import java.util.UUID;

/** Immutable snapshot of a VM on a simulated host; state changes replace the whole record. */
public record Vm(UUID vmId, String name, int memMb, int cpus, VmStatus status) {

    public Vm withStatus(VmStatus newStatus) {
        return new Vm(vmId, name, memMb, cpus, newStatus);
    }
}
