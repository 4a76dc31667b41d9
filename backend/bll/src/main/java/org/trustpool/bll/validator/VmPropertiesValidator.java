package org.trustpool.bll.validator;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.common.utils.TrustWords;
import org.trustpool.dal.VdsDao;

/** Checks on what a user asks a VM (or template) to be: sizes within limits, a pinned host in the cluster. */
public class VmPropertiesValidator {
    private final VmStatic vm;
    private final EngineConfig config;

    public VmPropertiesValidator(VmStatic vm, EngineConfig config) {
        this.vm = vm;
        this.config = config;
    }

    public ValidationResult memoryInRange() {
        return EntityValidators.inRange(vm.getMemSizeMb(), 1, config.getInt("MaxVmMemoryMb", 1_048_576),
                EngineMessage.ACTION_TYPE_FAILED_MEMORY_INVALID);
    }

    public ValidationResult cpusInRange() {
        return EntityValidators.inRange(vm.getNumOfCpus(), 1, config.getInt("MaxVmCpus", 64),
                EngineMessage.ACTION_TYPE_FAILED_CPU_COUNT_INVALID);
    }

    /**
     * A trusted VM pinned to a host that is not trusted could never run (and the reverse, pinning a
     * trusted VM to such a host): refused up front rather than failing at every start.
     */
    public ValidationResult pinnedHostTrustedWhenRequired(AttestationBroker broker) {
        if (!vm.isTrustedHostFlag() || vm.getDedicatedVmForVds() == null) {
            return VALID;
        }
        HostTrust trust = broker.currentTrust(vm.getDedicatedVmForVds());
        return trust.isTrusted() ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_PINNED_HOST_NOT_TRUSTED, "TrustLevel", trust.level().name(),
                        "TrustReason", String.valueOf(trust.reason()), "TrustState", TrustWords.state(trust));
    }

    public ValidationResult pinnedHostInCluster(VdsDao vdsDao) {
        if (vm.getDedicatedVmForVds() == null) {
            return VALID;
        }
        Vds host = vdsDao.get(vm.getDedicatedVmForVds());
        if (host == null) {
            return failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_NOT_FOUND);
        }
        return host.getClusterId().equals(vm.getClusterId()) ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_PINNED_HOST_OTHER_CLUSTER);
    }
}
