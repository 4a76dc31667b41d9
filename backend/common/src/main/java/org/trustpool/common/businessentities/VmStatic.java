package org.trustpool.common.businessentities;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What the administrator says about a VM (table vm_static, entity_type VM). */
public class VmStatic {
    private UUID id;
    private String name;
    private String description;
    private UUID clusterId;
    /** The template it was made from (vmt_guid); Blank when none. */
    private UUID templateId;
    private int memSizeMb = 1024;
    private int numOfCpus = 1;
    private String osType = "other";
    /** The host the VM is pinned to, if any (dedicated_vm_for_vds). */
    private UUID dedicatedVmForVds;
    private MigrationSupport migrationSupport = MigrationSupport.MIGRATABLE;
    /** High availability: restart the VM when its host fails (auto_startup). */
    private boolean autoStartup;
    private Instant creationDate;
    /** "Run on Trusted Host": only a host with a current TRUSTED verdict may run it. */
    private boolean trustedHostFlag;
    /** The row's version (compare-and-set in UpdateVmStatic); goes up by one with every update. */
    private long version;

    public UUID getId() { return id; }
    public void setId(UUID id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public UUID getClusterId() { return clusterId; }
    public void setClusterId(UUID clusterId) { this.clusterId = clusterId; }
    public UUID getTemplateId() { return templateId; }
    public void setTemplateId(UUID templateId) { this.templateId = templateId; }
    public int getMemSizeMb() { return memSizeMb; }
    public void setMemSizeMb(int memSizeMb) { this.memSizeMb = memSizeMb; }
    public int getNumOfCpus() { return numOfCpus; }
    public void setNumOfCpus(int numOfCpus) { this.numOfCpus = numOfCpus; }
    public String getOsType() { return osType; }
    public void setOsType(String osType) { this.osType = osType; }
    public UUID getDedicatedVmForVds() { return dedicatedVmForVds; }
    public void setDedicatedVmForVds(UUID dedicatedVmForVds) { this.dedicatedVmForVds = dedicatedVmForVds; }
    public MigrationSupport getMigrationSupport() { return migrationSupport; }
    public void setMigrationSupport(MigrationSupport migrationSupport) { this.migrationSupport = migrationSupport; }
    public boolean isAutoStartup() { return autoStartup; }
    public void setAutoStartup(boolean autoStartup) { this.autoStartup = autoStartup; }
    public boolean isTrustedHostFlag() { return trustedHostFlag; }
    public void setTrustedHostFlag(boolean trustedHostFlag) { this.trustedHostFlag = trustedHostFlag; }
    public Instant getCreationDate() { return creationDate; }
    public void setCreationDate(Instant creationDate) { this.creationDate = creationDate; }

    @Override public boolean equals(Object o) {
        return o instanceof VmStatic v && Objects.equals(id, v.id) && Objects.equals(name, v.name)
                && Objects.equals(description, v.description) && Objects.equals(clusterId, v.clusterId)
                && Objects.equals(templateId, v.templateId) && memSizeMb == v.memSizeMb && numOfCpus == v.numOfCpus
                && Objects.equals(osType, v.osType) && Objects.equals(dedicatedVmForVds, v.dedicatedVmForVds)
                && migrationSupport == v.migrationSupport && autoStartup == v.autoStartup
                && trustedHostFlag == v.trustedHostFlag;
    }
    @Override public int hashCode() { return Objects.hash(id, name); }
    @Override public String toString() { return "VmStatic[" + name + " " + id + "]"; }
    public long getVersion() { return version; }
    public void setVersion(long version) { this.version = version; }
}
