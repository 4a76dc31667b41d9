package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.AuditLogSeverity;

class AuditLogDaoTest extends DaoTestBase {
    private AuditLogDao dao;

    @BeforeEach
    void setUp() {
        dao = new AuditLogDao(dataSource);
    }

    static AuditLog event(String message) {
        AuditLog log = new AuditLog();
        log.setLogType("VDS_DETECTED");
        log.setMessage(message);
        return log;
    }

    @Test
    void saveReturnsNewIdAndGetReadsEveryField() {
        AuditLog log = event("Host h1 is untrusted.");
        log.setLogTime(Instant.parse("2024-05-01T10:15:30.123456Z"));
        log.setLogType("VDS_SET_NONOPERATIONAL_UNTRUSTED");
        log.setSeverity(AuditLogSeverity.ERROR);
        log.setUserName("admin@internal");
        log.setVdsId(UUID.randomUUID());
        log.setVdsName("h1");
        log.setVmId(UUID.randomUUID());
        log.setVmName("vm1");
        log.setClusterId(DEFAULT_CLUSTER_ID);
        log.setClusterName("Default");
        log.setCorrelationId("corr-42");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("verdict", "untrusted");
        values.put("reason", "PCR 7 mismatch");
        log.setCustomValues(values);

        long id = dao.save(log);
        assertTrue(id > 0);
        assertEquals(id, log.getAuditLogId());

        AuditLog read = dao.get(id);
        assertEquals(id, read.getAuditLogId());
        assertEquals(log.getLogTime(), read.getLogTime());
        assertEquals("VDS_SET_NONOPERATIONAL_UNTRUSTED", read.getLogType());
        assertEquals(AuditLogSeverity.ERROR, read.getSeverity());
        assertEquals("Host h1 is untrusted.", read.getMessage());
        assertEquals("admin@internal", read.getUserName());
        assertEquals(log.getVdsId(), read.getVdsId());
        assertEquals("h1", read.getVdsName());
        assertEquals(log.getVmId(), read.getVmId());
        assertEquals("vm1", read.getVmName());
        assertEquals(DEFAULT_CLUSTER_ID, read.getClusterId());
        assertEquals("Default", read.getClusterName());
        assertEquals("corr-42", read.getCorrelationId());
        assertEquals(values, read.getCustomValues());
    }

    @Test
    void customValuesAreAJsonbObject() throws SQLException {
        AuditLog log = event("m");
        log.getCustomValues().put("verdict", "trusted");
        long id = dao.save(log);
        try (PreparedStatement ps = transaction.getConnection().prepareStatement(
                "select jsonb_typeof(custom_values), custom_values ->> 'verdict' from audit_log where audit_log_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("object", rs.getString(1));
                assertEquals("trusted", rs.getString(2));
            }
        }
    }

    @Test
    void defaultsForMissingTimeSeverityAndCustomValues() {
        AuditLog log = event("m");
        log.setSeverity(null);
        log.setCustomValues(null);
        AuditLog read = dao.get(dao.save(log));
        assertNotNull(read.getLogTime());
        assertEquals(AuditLogSeverity.NORMAL, read.getSeverity());
        assertEquals(Map.of(), read.getCustomValues());
        assertNull(read.getVdsId());
        assertNull(read.getClusterName());
    }

    @Test
    void unknownIdGivesNull() {
        assertNull(dao.get(-1));
    }

    @Test
    void getAllGivesNewestFirstUpToMax() {
        long first = dao.save(event("first"));
        long second = dao.save(event("second"));
        long third = dao.save(event("third"));
        List<AuditLog> newest = dao.getAll(2);
        assertEquals(List.of(third, second), newest.stream().map(AuditLog::getAuditLogId).toList());
        assertEquals("third", newest.get(0).getMessage());
        List<Long> all = dao.getAll(Integer.MAX_VALUE).stream().map(AuditLog::getAuditLogId).toList();
        assertEquals(List.of(third, second, first), all.subList(0, 3));
        assertTrue(dao.getAll(0).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> dao.getAll(-1));
    }

    @Test
    void getAfterGivesLaterEventsOldestFirst() {
        long first = dao.save(event("first"));
        long second = dao.save(event("second"));
        long third = dao.save(event("third"));
        assertEquals(List.of(second, third), dao.getAfter(first).stream().map(AuditLog::getAuditLogId).toList());
        assertTrue(dao.getAfter(third).isEmpty());
    }

    @Test
    void messageAndTypeAreRequired() {
        AuditLog log = event(null);
        DalException e = assertThrows(DalException.class, () -> dao.save(log));
        assertEquals("23502", e.getSqlState()); // not_null_violation
    }
}
