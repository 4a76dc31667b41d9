package org.trustpool.bll.scheduling;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** The built-in filter policy units. */
public final class Filters {
    private Filters() {
    }

    /** A host status as a refusal says it: "in Maintenance", "NonOperational". */
    static String statusWords(VDSStatus status) {
        return switch (status) {
            case Maintenance -> "in Maintenance";
            case PreparingForMaintenance -> "preparing for Maintenance";
            default -> status.name();
        };
    }

    /** Only an Up host is known to be reachable and fit to run anything. */
    public static final PolicyUnit HOST_UP = new PolicyUnit() {
        @Override public String name() { return "HostUp"; }

        @Override public ValidationResult filter(SchedulingRequest request, Vds host) {
            return host.getStatus() == VDSStatus.Up ? VALID
                    : failWith(EngineMessage.SCHEDULING_HOST_NOT_UP, "HostName", host.getName(), "Status", statusWords(host.getStatus()));
        }
    };

    /** A VM runs in its own cluster only (its policies, networks and CPU type are the cluster's). */
    public static final PolicyUnit CLUSTER = new PolicyUnit() {
        @Override public String name() { return "Cluster"; }

        @Override public ValidationResult filter(SchedulingRequest request, Vds host) {
            return host.getClusterId().equals(request.vm().getClusterId()) ? VALID
                    : failWith(EngineMessage.SCHEDULING_HOST_IN_OTHER_CLUSTER, "HostName", host.getName());
        }
    };

    /** Memory is not overcommitted: what running VMs were promised plus this VM must fit. */
    public static final PolicyUnit MEMORY = new PolicyUnit() {
        @Override public String name() { return "Memory"; }

        @Override public ValidationResult filter(SchedulingRequest request, Vds host) {
            long needed = request.vm().getStaticData().getMemSizeMb();
            long free = host.getSchedulableMemMb();
            return free >= needed ? VALID
                    : failWith(EngineMessage.SCHEDULING_HOST_NOT_ENOUGH_MEMORY, "HostName", host.getName(),
                            "FreeMb", String.valueOf(free), "NeededMb", String.valueOf(needed));
        }
    };

    /** A migration goes somewhere else. */
    public static final PolicyUnit NOT_SOURCE = new PolicyUnit() {
        @Override public String name() { return "NotSource"; }

        @Override public ValidationResult filter(SchedulingRequest request, Vds host) {
            return !host.getId().equals(request.sourceHostId()) ? VALID
                    : failWith(EngineMessage.SCHEDULING_HOST_IS_SOURCE, "HostName", host.getName());
        }
    };

    /** When the user names a host, only that host may be chosen, and it still has to pass every other filter. */
    public static final PolicyUnit REQUESTED_HOST = new PolicyUnit() {
        @Override public String name() { return "RequestedHost"; }

        @Override public ValidationResult filter(SchedulingRequest request, Vds host) {
            return request.requestedHostId() == null || request.requestedHostId().equals(host.getId()) ? VALID
                    : failWith(EngineMessage.SCHEDULING_HOST_NOT_REQUESTED, "HostName", host.getName());
        }
    };
}
