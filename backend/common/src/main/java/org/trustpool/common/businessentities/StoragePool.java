package org.trustpool.common.businessentities;

import java.util.Objects;
import java.util.UUID;

/** A data center (table storage_pool). */
public class StoragePool {
    private UUID id;
    private String name;
    private String description;
    private String compatibilityVersion;

    public UUID getId() { return id; }
    public void setId(UUID id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getCompatibilityVersion() { return compatibilityVersion; }
    public void setCompatibilityVersion(String compatibilityVersion) { this.compatibilityVersion = compatibilityVersion; }

    @Override public boolean equals(Object o) {
        return o instanceof StoragePool p && Objects.equals(id, p.id) && Objects.equals(name, p.name)
                && Objects.equals(description, p.description) && Objects.equals(compatibilityVersion, p.compatibilityVersion);
    }
    @Override public int hashCode() { return Objects.hash(id, name); }
    @Override public String toString() { return "StoragePool[" + name + " " + id + "]"; }
}
