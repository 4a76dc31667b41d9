package org.trustpool.bll.scheduling;

import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.ValidationResult;

/** A filter: keeps a host (VALID) or drops it with the reason, which the user will read. */
public interface PolicyUnit {
    String name();

    ValidationResult filter(SchedulingRequest request, Vds host);
}
