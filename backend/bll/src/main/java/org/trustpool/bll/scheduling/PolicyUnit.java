package org.trustpool.bll.scheduling;

import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.ValidationResult;

/** A filter: keeps a host (VALID) or drops it with the reason, which the user will read. */
public interface PolicyUnit {
    String name();

    ValidationResult filter(SchedulingRequest request, Vds host);

    /**
     * This filter for one placement, asked once before the hosts are: what it needs that does not depend on the
     * host (a time, an option) is then read once per placement instead of once per host. Its answers must be
     * those of {@link #filter} for the same request.
     */
    default PolicyUnit forRequest(SchedulingRequest request) {
        return this;
    }
}
