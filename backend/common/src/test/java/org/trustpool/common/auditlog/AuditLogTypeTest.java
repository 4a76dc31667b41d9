package org.trustpool.common.auditlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Event codes: one per type, oVirt's where they mean the same, ours only in the range oVirt leaves free. */
class AuditLogTypeTest {

    @Test
    void everyTypeHasItsOwnCode() {
        Map<Integer, AuditLogType> seen = new HashMap<>();
        for (AuditLogType type : AuditLogType.values()) {
            AuditLogType before = seen.put(type.getCode(), type);
            assertEquals(null, before, "code " + type.getCode() + " is given to " + before + " and " + type);
        }
    }

    @Test
    void ourOwnCodesStayOutOfOvirtsRangeAndItsExternalEvents() {
        for (AuditLogType type : AuditLogType.values()) {
            int code = type.getCode();
            assertTrue(code > 0 && (code <= 15001 || code >= 20000), type + " " + code);
            assertTrue(!Set.of(9801, 9802, 9803, 9804).contains(code), type + " takes an external-event code");
        }
    }

    @Test
    void theTypesOvirtHasCarryOvirtsCodes() {
        // spot checks against oVirt's AuditLogType
        assertEquals(34, AuditLogType.USER_ADD_VM.getCode());
        assertEquals(809, AuditLogType.USER_ADD_CLUSTER.getCode());
        assertEquals(10000, AuditLogType.VDS_UNTRUSTED.getCode());
        assertEquals(517, AuditLogType.VDS_SET_NONOPERATIONAL.getCode());
        assertEquals(1150, AuditLogType.USER_EXPORT_VM.getCode());
        assertEquals(10001, AuditLogType.USER_UPDATE_VM_FROM_TRUSTED_TO_UNTRUSTED.getCode());
        assertEquals(10003, AuditLogType.IMPORTEXPORT_IMPORT_VM_FROM_TRUSTED_TO_UNTRUSTED.getCode());
        assertEquals(10005, AuditLogType.USER_ADD_VM_FROM_TRUSTED_TO_UNTRUSTED.getCode());
        assertEquals(10007, AuditLogType.IMPORTEXPORT_IMPORT_TEMPLATE_FROM_TRUSTED_TO_UNTRUSTED.getCode());
    }
}
