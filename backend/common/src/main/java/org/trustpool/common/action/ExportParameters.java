package org.trustpool.common.action;

import java.util.UUID;

/**
 * Export a VM or template (by id) to the export directory. overwrite replaces an earlier export of it
 * (oVirt's "Force Override", {@code <exclusive>true</exclusive>} in the API); without it an earlier
 * export is kept and the export refused.
 */
public class ExportParameters extends IdParameters {
    private static final long serialVersionUID = 1L;
    private final boolean overwrite;

    public ExportParameters(UUID id, boolean overwrite) {
        super(id);
        this.overwrite = overwrite;
    }

    public boolean isOverwrite() { return overwrite; }
}
