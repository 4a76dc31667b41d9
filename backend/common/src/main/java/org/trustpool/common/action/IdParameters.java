package org.trustpool.common.action;

import java.util.UUID;

/** An action on one entity named by its id (remove a cluster, activate a host, run a VM ...). */
public class IdParameters extends ActionParametersBase {
    private static final long serialVersionUID = 1L;
    private final UUID id;

    public IdParameters(UUID id) { this.id = id; }

    public UUID getId() { return id; }
}
