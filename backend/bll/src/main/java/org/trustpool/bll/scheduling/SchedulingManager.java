package org.trustpool.bll.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;

/**
 * Picks a host: every filter must keep it (each that drops it says why; PlacementRefusal turns the
 * reasons into the refusal), then the least loaded of those left wins. It only reads: a caller then reserves the chosen host in the database
 * (VmDynamicDao.reserveFor*), which is where two concurrent placements are told apart.
 */
public class SchedulingManager {
    private final VdsDao vdsDao;
    private final ClusterDao clusterDao;
    private final List<PolicyUnit> filters;

    /** The standard filters; order matters only for which reason is shown: the most basic one first. */
    public SchedulingManager(VdsDao vdsDao, ClusterDao clusterDao, PolicyUnit trustedHostFilter) {
        this(vdsDao, clusterDao, List.of(Filters.REQUESTED_HOST, Filters.CLUSTER, Filters.NOT_SOURCE, Filters.HOST_UP,
                trustedHostFilter, Filters.MEMORY));
    }

    public SchedulingManager(VdsDao vdsDao, ClusterDao clusterDao, List<PolicyUnit> filters) {
        this.vdsDao = vdsDao;
        this.clusterDao = clusterDao;
        this.filters = List.copyOf(filters);
    }

    public SchedulingResult schedule(SchedulingRequest unresolved) {
        SchedulingRequest request = unresolved.cluster() != null ? unresolved
                : unresolved.withCluster(clusterDao.get(unresolved.vm().getClusterId()));
        List<Vds> kept = new ArrayList<>();
        List<SchedulingResult.Rejection> rejections = new ArrayList<>();
        List<PolicyUnit> bound = new ArrayList<>(filters.size());
        for (PolicyUnit filter : filters) {
            bound.add(filter.forRequest(request));
        }
        for (Vds host : vdsDao.getAll()) {
            List<ValidationResult> drops = drops(request, host, bound);
            if (drops.isEmpty()) {
                kept.add(host);
            } else {
                rejections.add(new SchedulingResult.Rejection(host, drops));
            }
        }
        return new SchedulingResult(kept.stream().min(LEAST_LOADED), rejections);
    }

    /**
     * Every filter that drops the host, so that a refusal can name the cause that matters (a trusted VM's
     * host is NonOperational because it is untrusted: trust is the cause). A host out of the VM's reach
     * (another cluster, not the one requested) is not judged further: nothing else about it matters.
     */
    private static List<ValidationResult> drops(SchedulingRequest request, Vds host, List<PolicyUnit> filters) {
        List<ValidationResult> drops = new ArrayList<>();
        for (PolicyUnit filter : filters) {
            ValidationResult verdict = filter.filter(request, host);
            if (!verdict.isValid()) {
                drops.add(verdict);
                if (PlacementRefusal.isOutOfReach(verdict)) {
                    break;
                }
            }
        }
        return drops;
    }

    /** Least loaded: smallest share of memory promised, then fewest VMs, then name for a stable choice. */
    static final Comparator<Vds> LEAST_LOADED = Comparator
            .comparingDouble((Vds h) -> h.getDynamicData().getPhysicalMemMb() <= 0 ? 1.0
                    : (double) h.getMemCommittedMb() / h.getDynamicData().getPhysicalMemMb())
            .thenComparingInt(h -> h.getDynamicData().getVmCount())
            .thenComparing(Vds::getName);

}
