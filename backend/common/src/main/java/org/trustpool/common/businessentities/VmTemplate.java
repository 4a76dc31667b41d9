package org.trustpool.common.businessentities;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A template (table vm_static, entity_type TEMPLATE; read through view vm_templates_view). */
public class VmTemplate {
    /** oVirt's id of the Blank template, which exists from the first migration on. */
    public static final UUID BLANK_TEMPLATE_ID = UUID.fromString("00000000-0000-0000-0000-000000000000");

    private UUID id;
    private String name;
    private String description;
    /** Null for Blank, which belongs to no cluster. */
    private UUID clusterId;
    private int memSizeMb = 1024;
    private int numOfCpus = 1;
    private String osType = "other";
    private Instant creationDate;
    /** "Run on Trusted Host": only a host with a current TRUSTED verdict may run it. */
    private boolean trustedHostFlag;
    /** From the view; not stored in vm_static. */
    private String clusterName;

    public UUID getId() { return id; }
    public void setId(UUID id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public UUID getClusterId() { return clusterId; }
    public void setClusterId(UUID clusterId) { this.clusterId = clusterId; }
    public int getMemSizeMb() { return memSizeMb; }
    public void setMemSizeMb(int memSizeMb) { this.memSizeMb = memSizeMb; }
    public int getNumOfCpus() { return numOfCpus; }
    public void setNumOfCpus(int numOfCpus) { this.numOfCpus = numOfCpus; }
    public String getOsType() { return osType; }
    public void setOsType(String osType) { this.osType = osType; }
    public boolean isTrustedHostFlag() { return trustedHostFlag; }
    public void setTrustedHostFlag(boolean trustedHostFlag) { this.trustedHostFlag = trustedHostFlag; }
    public Instant getCreationDate() { return creationDate; }
    public void setCreationDate(Instant creationDate) { this.creationDate = creationDate; }
    public String getClusterName() { return clusterName; }
    public void setClusterName(String clusterName) { this.clusterName = clusterName; }

    public boolean isBlank() { return BLANK_TEMPLATE_ID.equals(id); }

    @Override public boolean equals(Object o) {
        return o instanceof VmTemplate t && Objects.equals(id, t.id) && Objects.equals(name, t.name)
                && Objects.equals(description, t.description) && Objects.equals(clusterId, t.clusterId)
                && memSizeMb == t.memSizeMb && numOfCpus == t.numOfCpus && Objects.equals(osType, t.osType)
                && trustedHostFlag == t.trustedHostFlag;
    }
    @Override public int hashCode() { return Objects.hash(id, name); }
    @Override public String toString() { return "VmTemplate[" + name + " " + id + "]"; }
}
