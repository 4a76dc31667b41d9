package org.trustpool.bll.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.common.utils.MessageBundle;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;

/**
 * Picks a host: every filter must keep it (the first that drops it says why), then the least
 * loaded of those left wins. It only reads: a caller then reserves the chosen host in the database
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
        List<ValidationResult> reasons = new ArrayList<>();
        for (Vds host : vdsDao.getAll()) {
            ValidationResult verdict = firstDrop(request, host);
            if (verdict.isValid()) {
                kept.add(host);
            } else {
                reasons.add(verdict);
            }
        }
        return new SchedulingResult(kept.stream().min(LEAST_LOADED), reasons);
    }

    private ValidationResult firstDrop(SchedulingRequest request, Vds host) {
        for (PolicyUnit filter : filters) {
            ValidationResult verdict = filter.filter(request, host);
            if (!verdict.isValid()) {
                return verdict;
            }
        }
        return ValidationResult.VALID;
    }

    /** Least loaded: smallest share of memory promised, then fewest VMs, then name for a stable choice. */
    static final Comparator<Vds> LEAST_LOADED = Comparator
            .comparingDouble((Vds h) -> h.getDynamicData().getPhysicalMemMb() <= 0 ? 1.0
                    : (double) h.getMemCommittedMb() / h.getDynamicData().getPhysicalMemMb())
            .thenComparingInt(h -> h.getDynamicData().getVmCount())
            .thenComparing(Vds::getName);

    /** The reasons in words, for the NO_HOST_AVAILABLE message. */
    public static String describe(List<ValidationResult> reasons) {
        if (reasons.isEmpty()) {
            return "there are no hosts.";
        }
        MessageBundle messages = MessageBundle.engineMessages();
        return reasons.stream()
                .map(r -> messages.format(r.getMessage().name(), Map.copyOf(r.getVariables())))
                .collect(Collectors.joining("; ")) + ".";
    }

}
