package org.trustpool.dal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.AuditLogSeverity;

/**
 * Events (table audit_log), append-only. Custom values are stored as a jsonb object; note that
 * jsonb keeps no key order, so a read returns the same entries in jsonb's own order.
 */
public class AuditLogDao {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> CUSTOM_VALUES_TYPE = new TypeReference<>() {
    };

    private final StoredProcedureCaller caller;

    public AuditLogDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    /**
     * Inserts the event and returns its new id, which is also set on the entity.
     * A null logTime is stored as now (the transaction's start time).
     */
    public long save(AuditLog log) {
        AuditLogSeverity severity = log.getSeverity() == null ? AuditLogSeverity.NORMAL : log.getSeverity();
        Long id = caller.executeFunction("InsertAuditLog", Long.class, log.getLogTime(), log.getLogType(),
                severity.name(), log.getMessage(), log.getUserName(), log.getVdsId(), log.getVdsName(),
                log.getVmId(), log.getVmName(), log.getClusterId(), log.getClusterName(), log.getCorrelationId(),
                new StoredProcedureCaller.Jsonb(toJson(log.getCustomValues())));
        log.setAuditLogId(id);
        return id;
    }

    public AuditLog get(long id) {
        return caller.executeRead("GetAuditLogByAuditLogId", AuditLogDao::map, id);
    }

    /** The newest {@code max} events, newest first. */
    public List<AuditLog> getAll(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        return caller.executeReadList("GetAllFromAuditLog", AuditLogDao::map, max);
    }

    /** Events with an id greater than {@code id}, oldest first: for readers that poll for new events. */
    public List<AuditLog> getAfter(long id) {
        return caller.executeReadList("GetAuditLogAfterId", AuditLogDao::map, id);
    }

    private static String toJson(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values == null ? Map.of() : values);
        } catch (JsonProcessingException e) {
            throw new DalException("cannot write custom values as JSON", e);
        }
    }

    static AuditLog map(ResultSet rs) throws SQLException {
        AuditLog log = new AuditLog();
        log.setAuditLogId(rs.getLong("audit_log_id"));
        log.setLogTime(StoredProcedureCaller.getInstant(rs, "log_time"));
        log.setLogType(rs.getString("log_type"));
        log.setSeverity(AuditLogSeverity.valueOf(rs.getString("severity")));
        log.setMessage(rs.getString("message"));
        log.setUserName(rs.getString("user_name"));
        log.setVdsId(StoredProcedureCaller.getUuid(rs, "vds_id"));
        log.setVdsName(rs.getString("vds_name"));
        log.setVmId(StoredProcedureCaller.getUuid(rs, "vm_id"));
        log.setVmName(rs.getString("vm_name"));
        log.setClusterId(StoredProcedureCaller.getUuid(rs, "vds_group_id"));
        log.setClusterName(rs.getString("vds_group_name"));
        log.setCorrelationId(rs.getString("correlation_id"));
        String json = rs.getString("custom_values");
        try {
            log.setCustomValues(json == null ? new LinkedHashMap<>() : JSON.readValue(json, CUSTOM_VALUES_TYPE));
        } catch (JsonProcessingException e) {
            throw new DalException("audit log " + log.getAuditLogId() + " has unreadable custom values", e);
        }
        return log;
    }
}
