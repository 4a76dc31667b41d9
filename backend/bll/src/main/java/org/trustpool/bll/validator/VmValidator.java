package org.trustpool.bll.validator;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import org.trustpool.common.businessentities.MigrationSupport;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Checks about one VM as it is now. */
public class VmValidator {
    private final Vm vm;

    public VmValidator(Vm vm) {
        this.vm = vm;
    }

    public ValidationResult exists() {
        return vm != null ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_NOT_FOUND);
    }

    public ValidationResult isDown() {
        return vm.getStatus() == VMStatus.Down ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_IS_RUNNING);
    }

    public ValidationResult isUp() {
        if (vm.getStatus() == VMStatus.Up) {
            return VALID;
        }
        return vm.getStatus() == VMStatus.Down ? failWith(EngineMessage.ACTION_TYPE_FAILED_VM_IS_NOT_RUNNING)
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_STATUS_ILLEGAL, "Status", vm.getStatus().name());
    }

    /** Stop works on anything that occupies a host, including VMs on a host that stopped answering. */
    public ValidationResult isRunning() {
        return vm.getStatus().isRunning() ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_IS_NOT_RUNNING);
    }

    public ValidationResult canMigrate() {
        return vm.getStaticData().getMigrationSupport() == MigrationSupport.MIGRATABLE ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_NON_MIGRATABLE);
    }
}
