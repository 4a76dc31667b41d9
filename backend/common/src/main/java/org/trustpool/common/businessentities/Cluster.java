package org.trustpool.common.businessentities;

import java.util.Objects;
import java.util.UUID;

/** A cluster (table vds_groups, as oVirt named it). */
public class Cluster {
    private UUID id;
    private String name;
    private String description;
    private UUID storagePoolId;
    private String cpuName;
    private String compatibilityVersion;
    /** A trusted compute pool: its VMs run only on hosts the attestation service says are trusted. */
    private boolean trustedService;
    /** Filled from the view; not stored in vds_groups. */
    private String storagePoolName;
    /** The row's version (compare-and-set in UpdateVdsGroup); goes up by one with every update. */
    private long version;

    public UUID getId() { return id; }
    public void setId(UUID id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public UUID getStoragePoolId() { return storagePoolId; }
    public void setStoragePoolId(UUID storagePoolId) { this.storagePoolId = storagePoolId; }
    public String getCpuName() { return cpuName; }
    public void setCpuName(String cpuName) { this.cpuName = cpuName; }
    public String getCompatibilityVersion() { return compatibilityVersion; }
    public void setCompatibilityVersion(String compatibilityVersion) { this.compatibilityVersion = compatibilityVersion; }
    public boolean isTrustedService() { return trustedService; }
    public void setTrustedService(boolean trustedService) { this.trustedService = trustedService; }
    public String getStoragePoolName() { return storagePoolName; }
    public void setStoragePoolName(String storagePoolName) { this.storagePoolName = storagePoolName; }
    public long getVersion() { return version; }
    public void setVersion(long version) { this.version = version; }

    @Override public boolean equals(Object o) {
        return o instanceof Cluster c && Objects.equals(id, c.id) && Objects.equals(name, c.name)
                && Objects.equals(description, c.description) && Objects.equals(storagePoolId, c.storagePoolId)
                && Objects.equals(cpuName, c.cpuName) && Objects.equals(compatibilityVersion, c.compatibilityVersion)
                && trustedService == c.trustedService;
    }
    @Override public int hashCode() { return Objects.hash(id, name); }
    @Override public String toString() { return "Cluster[" + name + " " + id + "]"; }
}
