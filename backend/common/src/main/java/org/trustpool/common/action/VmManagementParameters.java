package org.trustpool.common.action;

import org.trustpool.common.businessentities.VmStatic;

/** Add or update a VM. */
public class VmManagementParameters extends ActionParametersBase {
    private static final long serialVersionUID = 1L;
    private final VmStatic vm;

    public VmManagementParameters(VmStatic vm) { this.vm = vm; }

    public VmStatic getVm() { return vm; }
}
