package org.trustpool.common.action;

import java.util.Set;

import org.trustpool.common.businessentities.VmStatic;

/**
 * Add or update a VM. An update may say which fields it sets (namedFields) and what it read before
 * (base): the command then merges only those fields into the row as it is under the VM's lock, and a
 * named field changed by somebody else since base is a conflict. Without namedFields the whole VM is
 * written, still compare-and-set on the version the command read.
 */
public class VmManagementParameters extends ActionParametersBase {
    private static final long serialVersionUID = 1L;
    private final VmStatic vm;
    private VmStatic base;
    private Set<String> namedFields;
    /**
     * The administrator's explicit yes to taking a trusted cluster's VM (or a VM from a trusted cluster's
     * template) into a cluster that is not trusted (REST force=true); see TrustMoveValidator.
     */
    private boolean confirmTrustLoss;

    public VmManagementParameters(VmStatic vm) { this.vm = vm; }

    public VmManagementParameters namingFields(VmStatic base, Set<String> namedFields) {
        this.base = base;
        this.namedFields = Set.copyOf(namedFields);
        return this;
    }

    public VmManagementParameters confirmingTrustLoss(boolean confirm) {
        this.confirmTrustLoss = confirm;
        return this;
    }

    public VmStatic getVm() { return vm; }
    public boolean isConfirmTrustLoss() { return confirmTrustLoss; }
    public VmStatic getBase() { return base; }
    public Set<String> getNamedFields() { return namedFields; }
}
