package org.trustpool.bll.scheduling;

import java.util.UUID;

import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.Vm;

/**
 * What is being placed: the VM, the host it runs on now (migration; null to run), and the host
 * the user asked for (null: any).
 */
public record SchedulingRequest(Vm vm, UUID sourceHostId, UUID requestedHostId, Cluster cluster) {

    public static SchedulingRequest run(Vm vm, UUID requestedHostId) {
        return new SchedulingRequest(vm, null, requestedHostId, null);
    }

    public static SchedulingRequest migrate(Vm vm, UUID requestedHostId) {
        return new SchedulingRequest(vm, vm.getRunOnVds(), requestedHostId, null);
    }

    /** The VM's cluster, read once per scheduling run by the SchedulingManager. */
    public SchedulingRequest withCluster(Cluster vmCluster) {
        return new SchedulingRequest(vm, sourceHostId, requestedHostId, vmCluster);
    }

    /**
     * Trusted compute pools: a VM in a trusted cluster, or a VM marked "Run on Trusted Host" in any
     * cluster, may only run on a host with a current TRUSTED verdict.
     */
    public boolean requiresTrust() {
        return vm.getStaticData().isTrustedHostFlag() || cluster != null && cluster.isTrustedService();
    }
}
