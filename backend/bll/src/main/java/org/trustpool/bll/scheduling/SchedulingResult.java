package org.trustpool.bll.scheduling;

import java.util.List;
import java.util.Optional;

import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.ValidationResult;

/** The chosen host (if any) and, for every host dropped, why. */
public record SchedulingResult(Optional<Vds> host, List<ValidationResult> dropReasons) {
}
