package org.trustpool.common.action;

import java.util.UUID;

/**
 * Edit a host (oVirt's UpdateVdsCommand): only the fields given change, the others keep what the
 * host has when the command runs, so an edit of the name never writes back a stale address.
 */
public class UpdateVdsParameters extends IdParameters {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final String hostName;
    private final Integer port;
    private final UUID clusterId;
    private final String comment;

    public UpdateVdsParameters(UUID id, String name, String hostName, Integer port, UUID clusterId, String comment) {
        super(id);
        this.name = name;
        this.hostName = hostName;
        this.port = port;
        this.clusterId = clusterId;
        this.comment = comment;
    }

    /** The new name, or null to keep it. */
    public String getName() { return name; }
    /** The new address of the host's agent, or null to keep it. */
    public String getHostName() { return hostName; }
    /** The new port of the host's agent, or null to keep it. */
    public Integer getPort() { return port; }
    /** The cluster to move the host to, or null to keep it. */
    public UUID getClusterId() { return clusterId; }
    /** The new comment, or null to keep it. */
    public String getComment() { return comment; }
}
