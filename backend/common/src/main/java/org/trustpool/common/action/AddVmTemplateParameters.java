package org.trustpool.common.action;

import java.util.UUID;

/** Make a template from a powered-off VM. */
public class AddVmTemplateParameters extends ActionParametersBase {
    private static final long serialVersionUID = 1L;
    private final UUID vmId;
    private final String name;
    private final String description;

    public AddVmTemplateParameters(UUID vmId, String name, String description) {
        this.vmId = vmId;
        this.name = name;
        this.description = description;
    }

    public UUID getVmId() { return vmId; }
    public String getName() { return name; }
    public String getDescription() { return description; }
}
