package org.trustpool.common.action;

import org.trustpool.common.businessentities.VdsStatic;

/** Add a host. */
public class AddVdsParameters extends ActionParametersBase {
    private static final long serialVersionUID = 1L;
    private final VdsStatic vds;

    public AddVdsParameters(VdsStatic vds) { this.vds = vds; }

    public VdsStatic getVds() { return vds; }
}
