package org.trustpool.restapi.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Event;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.AuditLogSeverity;

class EventMapperTest {

    private static final UUID HOST = UUID.fromString("e0000000-0000-4000-8000-0000000000a1");
    private static final UUID VM = UUID.fromString("e0000000-0000-4000-8000-0000000000e1");
    private static final UUID CLUSTER = UUID.fromString("e0000000-0000-4000-8000-0000000000c1");

    private static AuditLog auditLog() {
        AuditLog a = new AuditLog();
        a.setAuditLogId(42);
        a.setLogTime(Instant.parse("2024-05-03T12:00:00.250Z"));
        a.setLogType("VDS_SET_NONOPERATIONAL");
        a.setSeverity(AuditLogSeverity.ERROR);
        a.setMessage("Host node1 moved to Non-Operational state: untrusted.");
        a.setUserName("admin@internal");
        a.setVdsId(HOST);
        a.setVmId(VM);
        a.setClusterId(CLUSTER);
        a.setCorrelationId("c0ffee");
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("verdict", "untrusted");
        custom.put("reason", "PCR 0 \"mismatch\"\nline 2 \\ end");
        a.setCustomValues(custom);
        return a;
    }

    /** Compares field by field: AuditLog has no equals. */
    private static void assertMappedFieldsEqual(AuditLog expected, AuditLog actual) {
        assertEquals(expected.getAuditLogId(), actual.getAuditLogId());
        assertEquals(expected.getLogTime(), actual.getLogTime());
        assertEquals(expected.getSeverity(), actual.getSeverity());
        assertEquals(expected.getMessage(), actual.getMessage());
        assertEquals(expected.getUserName(), actual.getUserName());
        assertEquals(expected.getVdsId(), actual.getVdsId());
        assertEquals(expected.getVmId(), actual.getVmId());
        assertEquals(expected.getClusterId(), actual.getClusterId());
        assertEquals(expected.getCorrelationId(), actual.getCorrelationId());
        assertEquals(expected.getCustomValues(), actual.getCustomValues());
    }

    @Test
    void roundTripKeepsEveryMappedField() {
        AuditLog original = auditLog();
        assertMappedFieldsEqual(original, EventMapper.map(EventMapper.map(original), null));
    }

    @Test
    void mapsToOvirtShape() {
        Event model = EventMapper.map(auditLog());
        assertEquals("42", model.getId());
        assertEquals("/ovirt-engine/api/events/42", model.getHref());
        assertEquals(42, model.getIndex());
        assertEquals("error", model.getSeverity());
        assertEquals(HOST.toString(), model.getHost().getId());
        assertEquals("admin@internal", model.getUser().getName());
        assertNull(model.getUser().getId());
        assertEquals(517, model.getCode(), "oVirt's code of VDS_SET_NONOPERATIONAL");
    }

    @Test
    void aTypeNameThisEngineNoLongerWritesHasNoCode() {
        AuditLog old = auditLog();
        old.setLogType("SOMETHING_RETIRED");
        assertNull(EventMapper.map(old).getCode());
    }

    @Test
    void partialUpdateKeepsUnspecifiedFields() {
        Event model = new Event();
        model.setSeverity("Warning");

        AuditLog updated = EventMapper.map(model, auditLog());

        AuditLog expected = auditLog();
        expected.setSeverity(AuditLogSeverity.WARNING);
        assertMappedFieldsEqual(expected, updated);
        assertEquals("VDS_SET_NONOPERATIONAL", updated.getLogType());
    }

    @Test
    void customDataIsAJsonObject() {
        Event model = EventMapper.map(auditLog());
        assertEquals("{\"verdict\":\"untrusted\",\"reason\":\"PCR 0 \\\"mismatch\\\"\\nline 2 \\\\ end\"}",
                model.getCustomData());

        model.setCustomData("{ \"a\" : \"\\u00e9\", \"n\": 3, \"x\": null }");
        assertEquals(Map.of("a", "\u00e9", "n", "3"), EventMapper.map(model, null).getCustomValues());

        // oVirt's custom_data is free text; such text is kept whole.
        model.setCustomData("external tool says hi");
        assertEquals(Map.of("custom_data", "external tool says hi"), EventMapper.map(model, null).getCustomValues());

        model.setCustomData("{\"a\": {\"nested\": 1}}");
        assertThrows(IllegalArgumentException.class, () -> EventMapper.map(model, null));
    }

    @Test
    void badSeverityIsRejected() {
        Event model = new Event();
        model.setSeverity("catastrophic");
        assertThrows(IllegalArgumentException.class, () -> EventMapper.map(model, null));
    }

    @Test
    void marshalledEventUsesOvirtElementNames() {
        String xml = Xml.marshal(EventMapper.map(auditLog()));
        assertTrue(xml.contains("<event id=\"42\" href=\"/ovirt-engine/api/events/42\">"), xml);
        assertTrue(xml.contains("<correlation_id>c0ffee</correlation_id>"), xml);
        assertTrue(xml.contains("<severity>error</severity>"), xml);
        assertTrue(xml.contains("<time>2024-05-03T12:00:00.250Z</time>"), xml);
        assertTrue(xml.contains("<user><name>admin@internal</name></user>"), xml);
        assertTrue(xml.contains("<host id=\"" + HOST + "\" href=\"/ovirt-engine/api/hosts/" + HOST + "\"/>"), xml);
    }
}
