package org.trustpool.bll.validator;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Checks about one host as it is now. */
public class VdsValidator {
    private final Vds vds;

    public VdsValidator(Vds vds) {
        this.vds = vds;
    }

    public ValidationResult exists() {
        return vds != null ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_NOT_FOUND);
    }

    public ValidationResult statusIn(VDSStatus... allowed) {
        Set<VDSStatus> set = EnumSet.copyOf(Arrays.asList(allowed));
        return set.contains(vds.getStatus()) ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_STATUS_ILLEGAL, "Status", vds.getStatus().name(),
                        "Allowed", set.stream().map(Enum::name).collect(Collectors.joining(" or ")));
    }
}
