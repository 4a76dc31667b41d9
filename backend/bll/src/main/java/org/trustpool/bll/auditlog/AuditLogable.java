package org.trustpool.bll.auditlog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;

/** What an audit entry is about: the user, host, VM, cluster, and any further values its text names. */
public class AuditLogable {
    private String userName;
    private String correlationId;
    private UUID vdsId;
    private String vdsName;
    private UUID vmId;
    private String vmName;
    private UUID clusterId;
    private String clusterName;
    private final Map<String, String> customValues = new LinkedHashMap<>();

    public AuditLogable withUser(String userName, String correlationId) {
        this.userName = userName;
        this.correlationId = correlationId;
        return this;
    }

    public AuditLogable withVds(UUID id, String name) {
        this.vdsId = id;
        this.vdsName = name;
        return this;
    }

    public AuditLogable withVds(Vds vds) {
        return vds == null ? this : withVds(vds.getId(), vds.getName());
    }

    public AuditLogable withVds(VdsStatic vds) {
        return vds == null ? this : withVds(vds.getId(), vds.getName());
    }

    public AuditLogable withVm(UUID id, String name) {
        this.vmId = id;
        this.vmName = name;
        return this;
    }

    public AuditLogable withVm(Vm vm) {
        return vm == null ? this : withVm(vm.getId(), vm.getName());
    }

    public AuditLogable withVm(VmStatic vm) {
        return vm == null ? this : withVm(vm.getId(), vm.getName());
    }

    public AuditLogable withCluster(UUID id, String name) {
        this.clusterId = id;
        this.clusterName = name;
        return this;
    }

    public AuditLogable withCluster(Cluster cluster) {
        return cluster == null ? this : withCluster(cluster.getId(), cluster.getName());
    }

    public AuditLogable addCustomValue(String name, String value) {
        customValues.put(name, value);
        return this;
    }

    /** The values an audit text may name: the standard ones plus the custom ones. */
    public Map<String, String> allValues() {
        Map<String, String> values = new LinkedHashMap<>(customValues);
        putIfSet(values, "UserName", userName);
        putIfSet(values, "VdsName", vdsName);
        putIfSet(values, "VmName", vmName);
        putIfSet(values, "ClusterName", clusterName);
        return values;
    }

    private static void putIfSet(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.putIfAbsent(key, value);
        }
    }

    public String getUserName() { return userName; }
    public String getCorrelationId() { return correlationId; }
    public UUID getVdsId() { return vdsId; }
    public String getVdsName() { return vdsName; }
    public UUID getVmId() { return vmId; }
    public String getVmName() { return vmName; }
    public UUID getClusterId() { return clusterId; }
    public String getClusterName() { return clusterName; }
    public Map<String, String> getCustomValues() { return customValues; }
}
