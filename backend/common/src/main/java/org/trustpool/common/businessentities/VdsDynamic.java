package org.trustpool.common.businessentities;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What monitoring learns about a host (table vds_dynamic). */
public class VdsDynamic {
    private UUID id;
    private VDSStatus status = VDSStatus.Installing;
    private NonOperationalReason nonOperationalReason = NonOperationalReason.NONE;
    private int cpuCores;
    private long physicalMemMb;
    /** Memory the host agent reports free. */
    private long memFreeMb;
    private int vmCount;
    private double cpuUsagePercent;
    private Instant lastResponse;

    public UUID getId() { return id; }
    public void setId(UUID id) { this.id = id; }
    public VDSStatus getStatus() { return status; }
    public void setStatus(VDSStatus status) { this.status = status; }
    public NonOperationalReason getNonOperationalReason() { return nonOperationalReason; }
    public void setNonOperationalReason(NonOperationalReason r) { this.nonOperationalReason = r; }
    public int getCpuCores() { return cpuCores; }
    public void setCpuCores(int cpuCores) { this.cpuCores = cpuCores; }
    public long getPhysicalMemMb() { return physicalMemMb; }
    public void setPhysicalMemMb(long physicalMemMb) { this.physicalMemMb = physicalMemMb; }
    public long getMemFreeMb() { return memFreeMb; }
    public void setMemFreeMb(long memFreeMb) { this.memFreeMb = memFreeMb; }
    public int getVmCount() { return vmCount; }
    public void setVmCount(int vmCount) { this.vmCount = vmCount; }
    public double getCpuUsagePercent() { return cpuUsagePercent; }
    public void setCpuUsagePercent(double cpuUsagePercent) { this.cpuUsagePercent = cpuUsagePercent; }
    public Instant getLastResponse() { return lastResponse; }
    public void setLastResponse(Instant lastResponse) { this.lastResponse = lastResponse; }

    @Override public boolean equals(Object o) {
        return o instanceof VdsDynamic v && Objects.equals(id, v.id) && status == v.status
                && nonOperationalReason == v.nonOperationalReason && cpuCores == v.cpuCores
                && physicalMemMb == v.physicalMemMb && memFreeMb == v.memFreeMb && vmCount == v.vmCount;
    }
    @Override public int hashCode() { return Objects.hash(id, status); }
}
