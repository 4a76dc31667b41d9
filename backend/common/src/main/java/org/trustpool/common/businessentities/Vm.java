package org.trustpool.common.businessentities;

import java.util.UUID;

/** A VM as read from the view vms: static and dynamic parts plus names of its cluster, host and template. */
public class Vm {
    private VmStatic staticData = new VmStatic();
    private VmDynamic dynamicData = new VmDynamic();
    private String clusterName;
    private String runOnVdsName;
    private String templateName;
    /**
     * From the view vms: whether the VM's in-flight mark (op_owner) is held, by the database's clock: its node is
     * alive and the mark is recent enough for its command to be still running.
     */
    private boolean opMarkHeld;

    public VmStatic getStaticData() { return staticData; }
    public void setStaticData(VmStatic staticData) { this.staticData = staticData; }
    public VmDynamic getDynamicData() { return dynamicData; }
    public void setDynamicData(VmDynamic dynamicData) { this.dynamicData = dynamicData; }
    public String getClusterName() { return clusterName; }
    public void setClusterName(String clusterName) { this.clusterName = clusterName; }
    public String getRunOnVdsName() { return runOnVdsName; }
    public void setRunOnVdsName(String runOnVdsName) { this.runOnVdsName = runOnVdsName; }
    public String getTemplateName() { return templateName; }
    public void setTemplateName(String templateName) { this.templateName = templateName; }
    public boolean isOpMarkHeld() { return opMarkHeld; }
    public void setOpMarkHeld(boolean opMarkHeld) { this.opMarkHeld = opMarkHeld; }

    public UUID getId() { return staticData.getId(); }
    public String getName() { return staticData.getName(); }
    public UUID getClusterId() { return staticData.getClusterId(); }
    public VMStatus getStatus() { return dynamicData.getStatus(); }
    public UUID getRunOnVds() { return dynamicData.getRunOnVds(); }

    @Override public String toString() { return "Vm[" + getName() + " " + getStatus() + "]"; }
}
