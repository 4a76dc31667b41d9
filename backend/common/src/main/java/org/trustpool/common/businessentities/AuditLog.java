package org.trustpool.common.businessentities;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One event (table audit_log). logType is the AuditLogType name; the message is already rendered. */
public class AuditLog {
    private long auditLogId;
    private Instant logTime;
    private String logType;
    private AuditLogSeverity severity = AuditLogSeverity.NORMAL;
    private String message;
    private String userName;
    private UUID vdsId;
    private String vdsName;
    private UUID vmId;
    private String vmName;
    private UUID clusterId;
    private String clusterName;
    private String correlationId;
    /** The evidence behind the message (e.g. a verdict, its time, its reason), stored as jsonb. */
    private Map<String, String> customValues = new LinkedHashMap<>();

    public long getAuditLogId() { return auditLogId; }
    public void setAuditLogId(long auditLogId) { this.auditLogId = auditLogId; }
    public Instant getLogTime() { return logTime; }
    public void setLogTime(Instant logTime) { this.logTime = logTime; }
    public String getLogType() { return logType; }
    public void setLogType(String logType) { this.logType = logType; }
    public AuditLogSeverity getSeverity() { return severity; }
    public void setSeverity(AuditLogSeverity severity) { this.severity = severity; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getUserName() { return userName; }
    public void setUserName(String userName) { this.userName = userName; }
    public UUID getVdsId() { return vdsId; }
    public void setVdsId(UUID vdsId) { this.vdsId = vdsId; }
    public String getVdsName() { return vdsName; }
    public void setVdsName(String vdsName) { this.vdsName = vdsName; }
    public UUID getVmId() { return vmId; }
    public void setVmId(UUID vmId) { this.vmId = vmId; }
    public String getVmName() { return vmName; }
    public void setVmName(String vmName) { this.vmName = vmName; }
    public UUID getClusterId() { return clusterId; }
    public void setClusterId(UUID clusterId) { this.clusterId = clusterId; }
    public String getClusterName() { return clusterName; }
    public void setClusterName(String clusterName) { this.clusterName = clusterName; }
    public String getCorrelationId() { return correlationId; }
    public void setCorrelationId(String correlationId) { this.correlationId = correlationId; }
    public Map<String, String> getCustomValues() { return customValues; }
    public void setCustomValues(Map<String, String> customValues) { this.customValues = customValues; }

    @Override public String toString() { return "AuditLog[" + logType + ": " + message + "]"; }
}
