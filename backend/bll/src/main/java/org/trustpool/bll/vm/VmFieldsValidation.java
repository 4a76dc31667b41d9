package org.trustpool.bll.vm;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.UUID;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.bll.validator.VmPropertiesValidator;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** The checks add and update share on a VM's own fields, as a list of validators to chain. */
final class VmFieldsValidation {
    private VmFieldsValidation() {
    }

    static ValidationResult[] checks(VmStatic vm, CommandContext context) {
        VmPropertiesValidator properties = new VmPropertiesValidator(vm, context.config());
        return new ValidationResult[] {
            EntityValidators.validName(vm.getName()),
            EntityValidators.validDescription(vm.getDescription()),
            EntityValidators.notNull(vm.getClusterId() == null ? null : context.clusterDao().get(vm.getClusterId()),
                    EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND),
            properties.memoryInRange(),
            properties.cpusInRange(),
        };
    }

    static ValidationResult nameUnique(VmStatic vm, UUID self, CommandContext context) {
        VmStatic other = context.vmStaticDao().getByName(vm.getName());
        return other == null || other.getId().equals(self) ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_NAME_ALREADY_USED, "Name", vm.getName());
    }
}
