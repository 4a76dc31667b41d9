package org.trustpool.common.businessentities;

import java.util.UUID;

/** A host as read from the view vds: static and dynamic parts plus its cluster's name. */
public class Vds {
    private VdsStatic staticData = new VdsStatic();
    private VdsDynamic dynamicData = new VdsDynamic();
    private String clusterName;
    /** Memory promised to VMs running on the host (sum of their mem_size_mb), from the view. */
    private long memCommittedMb;

    public VdsStatic getStaticData() { return staticData; }
    public void setStaticData(VdsStatic staticData) { this.staticData = staticData; }
    public VdsDynamic getDynamicData() { return dynamicData; }
    public void setDynamicData(VdsDynamic dynamicData) { this.dynamicData = dynamicData; }
    public String getClusterName() { return clusterName; }
    public void setClusterName(String clusterName) { this.clusterName = clusterName; }
    public long getMemCommittedMb() { return memCommittedMb; }
    public void setMemCommittedMb(long memCommittedMb) { this.memCommittedMb = memCommittedMb; }

    public UUID getId() { return staticData.getId(); }
    public String getName() { return staticData.getName(); }
    public UUID getClusterId() { return staticData.getClusterId(); }
    public VDSStatus getStatus() { return dynamicData.getStatus(); }

    /** Memory still free for new VMs: physical memory minus what running VMs were promised. */
    public long getSchedulableMemMb() { return dynamicData.getPhysicalMemMb() - memCommittedMb; }

    @Override public String toString() { return "Vds[" + getName() + " " + getStatus() + "]"; }
}
