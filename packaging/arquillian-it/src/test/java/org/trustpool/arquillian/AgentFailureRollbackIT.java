package org.trustpool.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.trustpool.bll.TransactionRunner;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.StoragePool;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.dal.StoragePoolDao;

/**
 * Inside WildFly, over PostgreSQL: a command whose agent call fails leaves the database as it was
 * before it (the VM Down, no host reserved, no memory counted), and the audit log says why; and the
 * container transaction the commands write in really rolls back what was written before a failure.
 */
@ExtendWith(ArquillianExtension.class)
class AgentFailureRollbackIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return EngineArchive.with(AgentFailureRollbackIT.class);
    }

    @Inject
    EngineFixture engine;
    @Inject
    TransactionRunner transactions;
    @Inject
    StoragePoolDao storagePoolDao;

    @Test
    void aRunWhoseAgentCallFailsIsUndoneAndAudited() throws Exception {
        try (AgentStandIn agent = AgentStandIn.start(EngineFixture.standInPort(1))) {
            Vds host = engine.addHostAndWaitUp("arq-rollback-host", agent.port());
            UUID vmId = engine.addVm("arq-rollback-vm", 1024);
            long committedBefore = engine.host(host.getId()).getMemCommittedMb();
            long auditMark = engine.lastAuditId();

            agent.failCreateWith("stand-in: not enough memory to create the VM");
            ActionReturnValue run = engine.run(ActionType.RunVm, new RunVmParameters(vmId, null));

            assertFalse(run.getSucceeded(), "RunVm succeeded although the agent refused: " + run.getMessageTexts());
            assertEquals(1, agent.createCalls(), "the agent was asked once");
            assertTrue(String.join(" ", run.getMessageTexts()).contains("stand-in: not enough memory"),
                    "the caller hears the agent's reason: " + run.getMessageTexts());
            Vm vm = engine.vm(vmId);
            assertEquals(VMStatus.Down, vm.getDynamicData().getStatus(), "the VM is Down as before");
            assertNull(vm.getDynamicData().getRunOnVds(), "no host is left reserved for the VM");
            assertEquals(committedBefore, engine.host(host.getId()).getMemCommittedMb(), "the host's reserved memory is released");
            assertFalse(agent.runs(vmId));

            List<AuditLog> audit = engine.auditAfter(auditMark);
            AuditLog failure = audit.stream()
                    .filter(e -> AuditLogType.USER_FAILED_RUN_VM.name().equals(e.getLogType()) && vmId.equals(e.getVmId()))
                    .findFirst().orElse(null);
            assertNotNull(failure, "a USER_FAILED_RUN_VM entry for the VM; audit: " + describe(audit));
            assertTrue(failure.getMessage().contains("stand-in: not enough memory"), "the audit says why: " + failure.getMessage());
            assertTrue(audit.stream().noneMatch(e -> AuditLogType.USER_STARTED_VM.name().equals(e.getLogType())),
                    "no start is recorded: " + describe(audit));

            // Nothing of the failed attempt is left in the way: once the agent accepts, the same VM starts there.
            agent.failCreateWith(null);
            ActionReturnValue again = engine.run(ActionType.RunVm, new RunVmParameters(vmId, null));
            assertTrue(again.getSucceeded(), "RunVm after the agent recovered: " + again.getMessageTexts());
            assertEquals(VMStatus.Up, engine.vm(vmId).getDynamicData().getStatus());
            assertEquals(host.getId(), engine.vm(vmId).getDynamicData().getRunOnVds());
            assertEquals(committedBefore + 1024, engine.host(host.getId()).getMemCommittedMb(), "now the VM's memory counts");
            assertTrue(agent.runs(vmId));
            // stopped again, so host monitoring of the closed stand-in does not meet a running VM
            assertTrue(engine.run(ActionType.StopVm, new org.trustpool.common.action.IdParameters(vmId)).getSucceeded());
            EngineFixture.await("VM Down", Duration.ofSeconds(10), () -> engine.vm(vmId).getDynamicData().getStatus() == VMStatus.Down);
        }
    }

    @Test
    void theContainerTransactionRollsBackWhatWasWrittenBeforeAFailure() {
        UUID rolledBack = UUID.randomUUID();
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> transactions.inNewTransaction(() -> {
            storagePoolDao.save(pool(rolledBack, "arq-rolled-back"));
            // written on the datasource's connection inside the transaction: visible to itself ...
            assertNotNull(storagePoolDao.get(rolledBack));
            throw new IllegalStateException("fails after the write");
        }));
        assertEquals("fails after the write", org.trustpool.bll.JtaTransactionRunner.unwrap(thrown).getMessage());
        // ... and gone after the rollback
        assertNull(storagePoolDao.get(rolledBack), "the data center written before the failure was rolled back");

        UUID committed = UUID.randomUUID();
        transactions.inNewTransaction(() -> {
            storagePoolDao.save(pool(committed, "arq-committed"));
            return null;
        });
        assertNotNull(storagePoolDao.get(committed), "the same write without a failure is committed");
    }

    private static StoragePool pool(UUID id, String name) {
        StoragePool pool = new StoragePool();
        pool.setId(id);
        pool.setName(name + "-" + id.toString().substring(0, 8));
        pool.setDescription("written by an in-container test");
        pool.setCompatibilityVersion("4.7");
        return pool;
    }

    static String describe(List<AuditLog> audit) {
        StringBuilder sb = new StringBuilder();
        audit.forEach(e -> sb.append("\n  ").append(e.getLogType()).append(": ").append(e.getMessage()));
        return sb.toString();
    }
}
