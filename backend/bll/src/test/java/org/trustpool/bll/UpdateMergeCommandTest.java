package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.bll.update.UpdatableFields;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.ClusterOperationParameters;
import org.trustpool.common.action.VmManagementParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.StoragePool;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;

/** UpdateVm/UpdateCluster merge the named fields into the row read under the lock, compare-and-set on its version. */
class UpdateMergeCommandTest {
    private final Fixtures f = new Fixtures();
    private Cluster cluster;
    private Vm vm;

    @BeforeEach
    void setUp() {
        cluster = f.cluster("Default");
        when(f.storagePoolDao.get(cluster.getStoragePoolId())).thenReturn(new StoragePool());
        vm = f.vm("web", cluster, VMStatus.Down, null);
        vm.getStaticData().setVersion(7);
        when(f.vmTemplateDao.get(VmTemplate.BLANK_TEMPLATE_ID)).thenReturn(new VmTemplate());
    }

    private VmManagementParameters request(VmStatic base, java.util.function.Consumer<VmStatic> change, String... named) {
        VmStatic requested = UpdatableFields.copy(base);
        change.accept(requested);
        return new VmManagementParameters(requested).namingFields(base, Set.of(named));
    }

    @Test
    void aRequestReadBeforeAnotherChangeKeepsThatChange() {
        VmStatic readByBoth = UpdatableFields.copy(vm.getStaticData());
        VmManagementParameters memory = request(readByBoth, v -> v.setMemSizeMb(4096), "memory");
        VmManagementParameters trust = request(readByBoth, v -> v.setTrustedHostFlag(true), "trusted_host_flag");

        assertTrue(f.executor.runAction(ActionType.UpdateVm, memory).getSucceeded());
        vm.getStaticData().setMemSizeMb(4096); // what the database now holds
        vm.getStaticData().setVersion(8);
        assertTrue(f.executor.runAction(ActionType.UpdateVm, trust).getSucceeded());

        ArgumentCaptor<VmStatic> written = ArgumentCaptor.forClass(VmStatic.class);
        verify(f.vmStaticDao, org.mockito.Mockito.times(2)).update(written.capture());
        VmStatic second = written.getAllValues().get(1);
        assertEquals(4096, second.getMemSizeMb(), "the first request's memory survives the second request");
        assertTrue(second.isTrustedHostFlag());
        assertEquals(8, second.getVersion(), "compare-and-set against the version read under the lock");
    }

    @Test
    void theSameFieldChangedMeanwhileIs409AndWritesNothing() {
        VmStatic read = UpdatableFields.copy(vm.getStaticData());
        vm.getStaticData().setMemSizeMb(2048); // another request changed it after this one read the VM
        ActionReturnValue rv = f.executor.runAction(ActionType.UpdateVm, request(read, v -> v.setMemSizeMb(8192), "memory"));
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_CHANGED_MEANWHILE, rv.getValidationMessages().get(0).getMessage());
        assertEquals(EngineMessage.Kind.CONFLICT, rv.getFailureKind());
        assertTrue(rv.getMessageTexts().get(0).contains("memory"), rv.getMessageTexts().toString());
        verify(f.vmStaticDao, never()).update(any());
    }

    @Test
    void aLostCompareAndSetIsAConflictNotASuccess() {
        when(f.vmStaticDao.update(any())).thenReturn(false); // another engine node wrote the row in between
        ActionReturnValue rv = f.executor.runAction(ActionType.UpdateVm,
                request(UpdatableFields.copy(vm.getStaticData()), v -> v.setDescription("x"), "description"));
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_CHANGED_MEANWHILE, rv.getFault().message());
        assertEquals(EngineMessage.Kind.CONFLICT, rv.getFailureKind());
    }

    @Test
    void clusterTrustFlagSetByOneRequestIsNotUndoneByAnotherOfItsDescription() {
        Cluster readByBoth = UpdatableFields.copy(cluster);
        Cluster trusted = UpdatableFields.copy(readByBoth);
        trusted.setTrustedService(false); // the attestation server is not configured in Fixtures; keep the flag off
        trusted.setCpuName("Intel Skylake Server Family");
        Cluster described = UpdatableFields.copy(readByBoth);
        described.setDescription("new words");
        assertTrue(f.executor.runAction(ActionType.UpdateCluster,
                new ClusterOperationParameters(trusted).namingFields(readByBoth, Set.of("cpu"))).getSucceeded());
        cluster.setCpuName("Intel Skylake Server Family");
        assertTrue(f.executor.runAction(ActionType.UpdateCluster,
                new ClusterOperationParameters(described).namingFields(readByBoth, Set.of("description"))).getSucceeded());
        ArgumentCaptor<Cluster> written = ArgumentCaptor.forClass(Cluster.class);
        verify(f.clusterDao, org.mockito.Mockito.times(2)).update(written.capture());
        assertEquals("Intel Skylake Server Family", written.getAllValues().get(1).getCpuName());
        assertEquals("new words", written.getAllValues().get(1).getDescription());
    }
}
