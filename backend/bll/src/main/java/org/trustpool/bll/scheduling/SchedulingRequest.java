package org.trustpool.bll.scheduling;

import java.util.UUID;

import org.trustpool.common.businessentities.Vm;

/**
 * What is being placed: the VM, the host it runs on now (migration; null to run), and the host
 * the user asked for (null: any).
 */
public record SchedulingRequest(Vm vm, UUID sourceHostId, UUID requestedHostId) {

    public static SchedulingRequest run(Vm vm, UUID requestedHostId) {
        return new SchedulingRequest(vm, null, requestedHostId);
    }

    public static SchedulingRequest migrate(Vm vm, UUID requestedHostId) {
        return new SchedulingRequest(vm, vm.getRunOnVds(), requestedHostId);
    }
}
