package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.MigrateVmParameters;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.dal.TestDatabase;
import org.trustpool.vdsbroker.AgentVm;
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostAgentException;

/**
 * Commands over real DAOs on PostgreSQL, with agent stand-ins that can be held on a latch: a slow host
 * holds up only its own VMs, concurrent starts cannot overbook a host, a failed agent call leaves the
 * VM Down with its reservation released and says so in the audit log, and a second command on a VM
 * whose agent call is in flight is refused at once, with the operation named.
 */
class ConcurrentPlacementTest {
    private final RealEngine engine = new RealEngine(TestDatabase.get().getDataSource(), RealEngine::allTrusted, Runnable::run);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void cleanUp() {
        threads.shutdownNow();
        engine.removeAll();
    }

    /** An agent whose calls wait until released, saying when one has begun. */
    private static final class HeldAgent {
        final HostAgentClient client = mock(HostAgentClient.class);
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldAgent() {
            when(client.createVm(any(), anyString(), anyInt(), anyInt())).thenAnswer(call -> {
                hold();
                return new AgentVm(call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3), "Up");
            });
            org.mockito.Mockito.doAnswer(call -> {
                hold();
                return null;
            }).when(client).migrateVm(any(), anyString());
            when(client.endpoint()).thenReturn("http://127.0.0.1:1/slow");
        }

        private void hold() throws InterruptedException {
            entered.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new HostAgentException(-1, "test agent never released");
            }
        }
    }

    private static HostAgentClient fastAgent() {
        HostAgentClient agent = mock(HostAgentClient.class);
        when(agent.endpoint()).thenReturn("http://127.0.0.1:2/fast");
        return agent;
    }

    private ActionReturnValue run(VmStatic vm, VdsStatic on) {
        return engine.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), on == null ? null : on.getId()));
    }

    @Test
    void aSlowAgentHoldsUpOnlyItsOwnVm() throws Exception {
        Cluster cluster = engine.cluster("plain", false);
        HeldAgent slow = new HeldAgent();
        VdsStatic slowHost = engine.host("slow", cluster, 8192, slow.client);
        VdsStatic fastHost = engine.host("fast", cluster, 8192, fastAgent());
        VmStatic first = engine.vm("first", cluster, 1024);
        VmStatic second = engine.vm("second", cluster, 1024);
        VmStatic moving = engine.vm("moving", cluster, 1024);
        assertTrue(run(moving, fastHost).getSucceeded());

        Future<ActionReturnValue> blocked = threads.submit(() -> run(first, slowHost));
        assertTrue(slow.entered.await(10, TimeUnit.SECONDS), "the slow agent was never called");
        // The reservation was committed before the call: another connection sees it, and the host's memory counts it.
        Vm reserved = engine.vmDao.get(first.getId());
        assertEquals(VMStatus.WaitForLaunch, reserved.getStatus());
        assertEquals(slowHost.getId(), reserved.getRunOnVds());
        assertEquals(1024, engine.vdsDao.get(slowHost.getId()).getMemCommittedMb());

        // Meanwhile other VMs start and migrate, on other hosts and on the slow one's neighbour, without waiting.
        long began = System.nanoTime();
        ActionReturnValue other = run(second, fastHost);
        assertTrue(other.getSucceeded(), other.getMessageTexts().toString());
        ActionReturnValue migrated = engine.executor.runAction(ActionType.MigrateVm, new MigrateVmParameters(moving.getId(), null));
        // the only other host is the slow one, whose agent is a destination here: the source (fast) agent does the work
        assertTrue(migrated.getSucceeded(), migrated.getMessageTexts().toString());
        assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(5), "others waited on the slow host");
        assertFalse(blocked.isDone());

        // A second command on the VM being started is refused at once, naming what it waits for.
        long asked = System.nanoTime();
        ActionReturnValue stop = engine.executor.runAction(ActionType.StopVm, new IdParameters(first.getId()));
        assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(1), "the refusal waited");
        assertFalse(stop.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_OBJECT_BUSY, stop.getValidationMessages().get(0).getMessage());
        assertEquals("Cannot stop VM. VM " + first.getName() + " is being started on host " + slowHost.getName()
                + "; try again when that has ended.", stop.getMessageTexts().get(0));

        slow.release.countDown();
        ActionReturnValue done = blocked.get(10, TimeUnit.SECONDS);
        assertTrue(done.getSucceeded(), done.getMessageTexts().toString());
        assertEquals(VMStatus.Up, engine.vmDao.get(first.getId()).getStatus());
        assertTrue(engine.executor.runAction(ActionType.StopVm, new IdParameters(first.getId())).getSucceeded());
    }

    @Test
    void concurrentStartsCannotOverbookAHost() throws Exception {
        Cluster cluster = engine.cluster("small", false);
        HeldAgent agent = new HeldAgent(); // every start stays in flight until all have been placed
        VdsStatic host = engine.host("small", cluster, 3 * 1024, agent.client);
        List<VmStatic> vms = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            vms.add(engine.vm("race" + i, cluster, 1024));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ActionReturnValue>> results = new ArrayList<>();
        for (VmStatic vm : vms) {
            results.add(threads.submit(() -> {
                go.await();
                return run(vm, null);
            }));
        }
        go.countDown();
        assertTrue(agent.entered.await(10, TimeUnit.SECONDS));
        // Everything not in flight has been answered; then the held ones finish.
        long deadline = System.currentTimeMillis() + 10_000;
        while (results.stream().filter(Future::isDone).count() < 5 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        agent.release.countDown();
        int started = 0;
        for (Future<ActionReturnValue> result : results) {
            ActionReturnValue rv = result.get(10, TimeUnit.SECONDS);
            if (rv.getSucceeded()) {
                started++;
            } else {
                // refused for want of room, never for a lock
                String text = rv.getMessageTexts().toString();
                assertFalse(text.contains("Another operation on the same object"), text);
                assertTrue(text.contains("MB free") || text.contains("took the room"), text);
            }
        }
        assertEquals(3, started);
        assertEquals(3 * 1024, engine.vdsDao.get(host.getId()).getMemCommittedMb());
    }

    @Test
    void anAgentFailureLeavesTheVmDownWithItsReservationReleasedAndAudited() {
        Cluster cluster = engine.cluster("plain", false);
        HostAgentClient refusing = fastAgent();
        when(refusing.createVm(any(), anyString(), anyInt(), anyInt())).thenThrow(new HostAgentException(3, "noMemory"));
        VdsStatic host = engine.host("refusing", cluster, 8192, refusing);
        VmStatic vm = engine.vm("unlucky", cluster, 2048);
        ActionReturnValue rv = run(vm, host);
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.VDS_COMMAND_FAILED, rv.getFault().message());
        Vm after = engine.vmDao.get(vm.getId());
        assertEquals(VMStatus.Down, after.getStatus());
        assertNull(after.getRunOnVds());
        assertEquals(0, engine.vdsDao.get(host.getId()).getMemCommittedMb());
        AuditLog entry = engine.auditLogDao.getAll(50).stream()
                .filter(a -> vm.getId().equals(a.getVmId()) && AuditLogType.USER_FAILED_RUN_VM.name().equals(a.getLogType()))
                .findFirst().orElseThrow();
        assertEquals("Failed to run VM " + vm.getName() + ": Cannot run VM. The agent on host " + host.getName() + " failed: noMemory. VM "
                + vm.getName() + " is Down and the memory reserved for it on host " + host.getName() + " is released.", entry.getMessage());
        // and it can be started again at once
        org.mockito.Mockito.doReturn(null).when(refusing).createVm(any(), anyString(), anyInt(), anyInt());
        assertTrue(run(vm, host).getSucceeded());
    }
}
