package org.trustpool.common.businessentities;

import java.util.Objects;
import java.util.UUID;

/** What the administrator says about a host (table vds_static). */
public class VdsStatic {
    private UUID id;
    private String name;
    /** Address the engine uses to reach the host agent. */
    private String hostName;
    private int port;
    private UUID clusterId;
    private String comment;

    public UUID getId() { return id; }
    public void setId(UUID id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getHostName() { return hostName; }
    public void setHostName(String hostName) { this.hostName = hostName; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public UUID getClusterId() { return clusterId; }
    public void setClusterId(UUID clusterId) { this.clusterId = clusterId; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }

    @Override public boolean equals(Object o) {
        return o instanceof VdsStatic v && Objects.equals(id, v.id) && Objects.equals(name, v.name)
                && Objects.equals(hostName, v.hostName) && port == v.port && Objects.equals(clusterId, v.clusterId)
                && Objects.equals(comment, v.comment);
    }
    @Override public int hashCode() { return Objects.hash(id, name); }
    @Override public String toString() { return "VdsStatic[" + name + " " + hostName + ":" + port + "]"; }
}
