package org.trustpool.bll.scheduling;

import java.util.List;
import java.util.Optional;

import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.ValidationResult;

/**
 * The chosen host (if any) and, for every host dropped, why: every filter that dropped it, in filter
 * order (a host outside the VM's reach, another cluster or not the one requested, has that reason only).
 */
public record SchedulingResult(Optional<Vds> host, List<Rejection> rejections) {

    public SchedulingResult {
        rejections = List.copyOf(rejections);
    }

    /** One host dropped, with every reason found for it (never empty). */
    public record Rejection(Vds host, List<ValidationResult> reasons) {
        public Rejection {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a rejection has a reason");
            }
        }

        /** The most basic reason: the first filter's. */
        public ValidationResult first() {
            return reasons.get(0);
        }
    }

    /** The first reason of each host dropped. */
    public List<ValidationResult> dropReasons() {
        return rejections.stream().map(Rejection::first).toList();
    }
}
