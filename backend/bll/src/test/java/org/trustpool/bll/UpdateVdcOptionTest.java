package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.VdcOptionParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.errors.EngineMessage;

class UpdateVdcOptionTest {
    private final Fixtures f = new Fixtures();

    private ActionReturnValue set(String name, String value) {
        return f.executor.runAction(ActionType.UpdateVdcOption, new VdcOptionParameters(name, value));
    }

    @Test
    void aValidChangeIsStoredAndAuditedWithOldAndNewValues() {
        VdcOption existing = new VdcOption("AttestationBatchSize", "50");
        when(f.vdcOptionDao.get("AttestationBatchSize")).thenReturn(existing);
        assertTrue(set("AttestationBatchSize", "200").getSucceeded());
        verify(f.vdcOptionDao).update(existing);
        assertEquals("200", existing.getOptionValue());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao).save(audit.capture());
        assertEquals("Option AttestationBatchSize was changed from '50' to '200' by internal.", audit.getValue().getMessage());
    }

    @Test
    void badValuesAndUnknownOptionsChangeNothing() {
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_CONFIG_VALUE_INVALID, set("AttestationBatchSize", "0").getValidationMessages().get(0).getMessage());
        assertFalse(set("AttestationBatchSize", "many").isValid());
        assertFalse(set("SecureConnectionWithOATServers", "yes").isValid());
        assertFalse(set("AttestationServer", "evil.com/x?y").isValid());
        assertFalse(set("PollUri", "a b").isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_CONFIG_OPTION_UNKNOWN, set("NoSuchOption", "1").getValidationMessages().get(0).getMessage());
        verify(f.vdcOptionDao, never()).update(any());
        verify(f.vdcOptionDao, never()).save(any());
    }

    @Test
    void secretsNeverReachTheAuditLog() {
        assertTrue(set("AttestationTruststorePass", "s3cret-store").getSucceeded());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao).save(audit.capture());
        assertFalse(audit.getValue().getMessage().contains("s3cret-store"), audit.getValue().getMessage());
        assertFalse(audit.getValue().getCustomValues().containsValue("s3cret-store"));
    }
}
