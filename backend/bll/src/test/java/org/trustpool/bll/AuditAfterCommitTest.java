package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.ClusterOperationParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.StoragePool;
import org.trustpool.dal.DalException;

/** A committed change whose audit entry cannot be written: retried, and if it still fails the caller is told. */
class AuditAfterCommitTest {
    private final Fixtures f = new Fixtures();

    private ClusterOperationParameters addCluster() {
        Cluster c = new Cluster();
        c.setName("prod");
        c.setStoragePoolId(UUID.randomUUID());
        c.setCompatibilityVersion("4.7");
        when(f.storagePoolDao.get(c.getStoragePoolId())).thenReturn(new StoragePool());
        ClusterOperationParameters parameters = new ClusterOperationParameters(c);
        parameters.setUserName("admin@internal");
        return parameters;
    }

    @Test
    void aPassingFailureIsRetriedAndLeavesNoWarning() {
        when(f.auditLogDao.save(any())).thenThrow(new DalException("connection reset", null)).thenReturn(7L);
        ActionReturnValue rv = f.executor.runAction(ActionType.AddCluster, addCluster());
        assertTrue(rv.getSucceeded());
        verify(f.auditLogDao, times(2)).save(any());
        assertEquals(0, rv.getWarnings().size(), rv.getWarnings().toString());
    }

    @Test
    void aLastingFailureIsReturnedAsAWarningWithTheSucceededChange() {
        when(f.auditLogDao.save(any())).thenThrow(new DalException("value too long for type character varying(255)", null));
        ActionReturnValue rv = f.executor.runAction(ActionType.AddCluster, addCluster());
        assertTrue(rv.getSucceeded(), "the change committed; the audit failure does not undo it");
        verify(f.clusterDao).save(any());
        verify(f.auditLogDao, times(org.trustpool.bll.auditlog.AuditLogDirectorAccess.attempts())).save(any());
        assertEquals(1, rv.getWarnings().size());
        assertTrue(rv.getWarnings().get(0).contains("USER_ADD_CLUSTER") && rv.getWarnings().get(0).contains("could not be written"),
                rv.getWarnings().get(0));
    }
}
