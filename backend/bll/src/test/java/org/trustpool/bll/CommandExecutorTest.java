package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.ClusterOperationParameters;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.StoragePool;
import org.trustpool.common.errors.EngineMessage;

class CommandExecutorTest {
    private final Fixtures f = new Fixtures();

    private Cluster newCluster(String name) {
        Cluster c = new Cluster();
        c.setName(name);
        c.setStoragePoolId(UUID.randomUUID());
        c.setCompatibilityVersion("4.7");
        when(f.storagePoolDao.get(c.getStoragePoolId())).thenReturn(new StoragePool());
        return c;
    }

    @Test
    void successExecutesReturnsIdAndAudits() {
        Cluster c = newCluster("prod");
        ActionReturnValue rv = f.executor.runAction(ActionType.AddCluster, new ClusterOperationParameters(c));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        assertNotNull(rv.getActionReturnValue());
        verify(f.clusterDao).save(c);
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao).save(audit.capture());
        assertEquals("USER_ADD_CLUSTER", audit.getValue().getLogType());
        assertEquals("Cluster prod was added by internal.", audit.getValue().getMessage());
    }

    @Test
    void validationFailureChangesNothingAndSaysWhyInWords() {
        Cluster c = newCluster("prod");
        Cluster existing = f.cluster("prod");
        when(f.clusterDao.getByName("prod")).thenReturn(existing);
        ActionReturnValue rv = f.executor.runAction(ActionType.AddCluster, new ClusterOperationParameters(c));
        assertFalse(rv.isValid());
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NAME_ALREADY_USED, rv.getValidationMessages().get(0).getMessage());
        assertEquals("Cannot add Cluster. A cluster named 'prod' already exists.", rv.getMessageTexts().get(0));
        assertEquals(EngineMessage.Kind.CONFLICT, rv.getFailureKind());
        verify(f.clusterDao, never()).save(any());
        verify(f.auditLogDao, never()).save(any());
    }

    @Test
    void executionFailureIsReportedAndAuditedNotThrown() {
        Cluster c = newCluster("prod");
        doThrow(new IllegalStateException("disk full")).when(f.clusterDao).save(any());
        ActionReturnValue rv = f.executor.runAction(ActionType.AddCluster, new ClusterOperationParameters(c));
        assertTrue(rv.isValid());
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, rv.getFault().message());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao).save(audit.capture());
        assertEquals("USER_ADD_CLUSTER_FAILED", audit.getValue().getLogType());
    }

    @Test
    void aNameTakenByAConcurrentChangeIsAConflictNotAnEngineFault() {
        Cluster c = newCluster("prod");
        java.sql.SQLException duplicate = new java.sql.SQLException("duplicate key value violates unique constraint", "23505");
        doThrow(new org.trustpool.dal.DalException("InsertVdsGroups failed", duplicate)).when(f.clusterDao).save(any());
        ActionReturnValue rv = f.executor.runAction(ActionType.AddCluster, new ClusterOperationParameters(c));
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_TAKEN_MEANWHILE, rv.getFault().message());
        assertEquals(EngineMessage.Kind.CONFLICT, rv.getFailureKind());
        assertTrue(rv.getMessageTexts().get(0).startsWith("Cannot add Cluster. Another change took the same name or id"), rv.getMessageTexts().toString());
    }

    @Test
    void wrongParametersGiveAMessageNotAnException() {
        ActionReturnValue rv = f.executor.runAction(ActionType.AddCluster, new IdParameters(UUID.randomUUID()));
        assertFalse(rv.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_PARAMETERS_INVALID, rv.getValidationMessages().get(0).getMessage());
    }

    @Test
    void lockHeldByAnotherThreadRefusesTheCommand() throws Exception {
        Cluster existing = f.cluster("old");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                f.locks.tryAcquire(Set.of(LockManager.cluster(existing.getId())), 1000);
                held.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                f.locks.release(Set.of(LockManager.cluster(existing.getId())));
            }
        });
        other.start();
        assertTrue(held.await(5, TimeUnit.SECONDS));
        LockManager shortWait = f.locks;
        assertTrue(shortWait.isLocked(LockManager.cluster(existing.getId())));
        assertFalse(shortWait.tryAcquire(Set.of(LockManager.cluster(existing.getId())), 50));
        release.countDown();
        other.join(5000);
        assertTrue(shortWait.tryAcquire(Set.of(LockManager.cluster(existing.getId())), 1000));
    }
}
