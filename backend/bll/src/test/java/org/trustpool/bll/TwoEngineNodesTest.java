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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.trustpool.bll.monitoring.VdsManager;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.action.SetNonOperationalVdsParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.dal.TestDatabase;
import org.trustpool.vdsbroker.AgentVm;
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostAgentException;
import org.trustpool.vdsbroker.HostStats;

/**
 * Two engine nodes on one PostgreSQL (issue 15), each with its own LockManager as two JVMs have, sharing nothing
 * but the database: concurrent starts of the same VMs from both start each once; a node's monitoring leaves a
 * start in flight on the other, live node alone and interrupts one whose node is dead (and that node's late
 * outcome then loses); two nodes setting the same host NonOperational write one transition and one audit entry.
 */
class TwoEngineNodesTest {
    private final RealEngine engine = new RealEngine(TestDatabase.get().getDataSource(), RealEngine::allTrusted, Runnable::run);
    private final RealEngine.Node nodeA = engine.node("two-nodes-a-" + UUID.randomUUID());
    private final RealEngine.Node nodeB = engine.node("two-nodes-b-" + UUID.randomUUID());
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void cleanUp() throws SQLException {
        threads.shutdownNow();
        engine.removeAll();
        try (Connection c = engine.dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM engine_node WHERE node_id IN (?, ?)")) {
            ps.setString(1, nodeA.node.id());
            ps.setString(2, nodeB.node.id());
            ps.executeUpdate();
        }
    }

    /** The heartbeat of a node as the cluster membership would write it: alive for a minute, or expired a second ago. */
    private void heartbeat(RealEngine.Node node, boolean alive) throws SQLException {
        try (Connection c = engine.dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO engine_node (node_id, api_url, started_at, heartbeat, expires_at) "
                     + "VALUES (?, ?, now(), now(), now() + (? * interval '1 second'))")) {
            ps.setString(1, node.node.id());
            ps.setString(2, node.node.apiUrl());
            ps.setInt(3, alive ? 60 : -1);
            ps.executeUpdate();
        }
    }

    private List<AuditLog> entries(UUID vmOrHost, String type) {
        return engine.auditLogDao.getAll(2000).stream()
                .filter(a -> (vmOrHost.equals(a.getVmId()) || vmOrHost.equals(a.getVdsId())) && type.equals(a.getLogType())).toList();
    }

    /** An agent whose createVm waits until released (the start is in flight), then runs the VM; getVmList says what runs. */
    private static final class HeldAgent {
        final HostAgentClient client = mock(HostAgentClient.class);
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<AgentVm> running = new java.util.concurrent.CopyOnWriteArrayList<>();

        HeldAgent() {
            when(client.createVm(any(), anyString(), anyInt(), anyInt())).thenAnswer(call -> {
                entered.countDown();
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new HostAgentException(-1, "test agent never released");
                }
                AgentVm vm = new AgentVm(call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3), "Up");
                running.add(vm);
                return vm;
            });
            when(client.getStats()).thenReturn(new HostStats(65536, 60000, 5, 0));
            when(client.getVmList()).thenAnswer(call -> List.copyOf(running));
            when(client.endpoint()).thenReturn("http://127.0.0.1:3/held");
        }
    }

    @Test
    void concurrentStartsOfTheSameVmsFromBothNodesStartEachOnce() throws Exception {
        Cluster cluster = engine.cluster("two-nodes", false);
        Map<UUID, AtomicInteger> created = new ConcurrentHashMap<>();
        HostAgentClient agent = mock(HostAgentClient.class);
        when(agent.createVm(any(), anyString(), anyInt(), anyInt())).thenAnswer(call -> {
            created.computeIfAbsent(call.getArgument(0), id -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(20); // the start stays in flight a moment, so the other node's requests meet it
            return null;
        });
        engine.host("big", cluster, 64 * 1024, agent);
        List<VmStatic> vms = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            vms.add(engine.vm("twice-" + i, cluster, 512));
        }
        CountDownLatch go = new CountDownLatch(1);
        Map<UUID, List<Future<ActionReturnValue>>> results = new ConcurrentHashMap<>();
        for (VmStatic vm : vms) {
            for (RealEngine.Node node : List.of(nodeA, nodeB, nodeA, nodeB)) {
                results.computeIfAbsent(vm.getId(), id -> new ArrayList<>()).add(threads.submit(() -> {
                    go.await();
                    return node.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));
                }));
            }
        }
        go.countDown();
        for (VmStatic vm : vms) {
            int started = 0;
            for (Future<ActionReturnValue> result : results.get(vm.getId())) {
                if (result.get(30, TimeUnit.SECONDS).getSucceeded()) {
                    started++;
                }
            }
            assertEquals(1, started, vm.getName() + " started " + started + " times");
            assertEquals(1, created.get(vm.getId()).get(), vm.getName() + " created on the agent more than once");
            assertEquals(1, entries(vm.getId(), "USER_STARTED_VM").size(), vm.getName());
            Vm after = engine.vmDao.get(vm.getId());
            assertEquals(VMStatus.Up, after.getStatus());
            assertNull(after.getDynamicData().getOpOwner(), "the outcome write clears the in-flight mark");
        }
    }

    @Test
    void aStartInFlightOnTheOtherLiveNodeIsLeftToIt() throws Exception {
        heartbeat(nodeA, true);
        Cluster cluster = engine.cluster("two-nodes", false);
        HeldAgent agent = new HeldAgent();
        VdsStatic host = engine.host("held", cluster, 8192, agent.client);
        VmStatic vm = engine.vm("in-flight", cluster, 1024);
        Future<ActionReturnValue> start = threads.submit(() -> nodeA.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), host.getId())));
        assertTrue(agent.entered.await(10, TimeUnit.SECONDS), "the agent was never asked");

        // Node B monitors the host: the agent does not run the VM yet, and B holds no lock on it.
        VdsManager monitorB = nodeB.monitor(host.getId());
        monitorB.refresh();
        monitorB.refresh();
        monitorB.refresh();
        Vm during = engine.vmDao.get(vm.getId());
        assertEquals(VMStatus.WaitForLaunch, during.getStatus(), "another live node's start was taken for an interrupted one");
        assertEquals(nodeA.node.id(), during.getDynamicData().getOpOwner());
        assertTrue(during.isOpMarkHeld());

        agent.release.countDown();
        ActionReturnValue done = start.get(10, TimeUnit.SECONDS);
        assertTrue(done.getSucceeded(), done.getMessageTexts().toString());
        Vm after = engine.vmDao.get(vm.getId());
        assertEquals(VMStatus.Up, after.getStatus());
        assertNull(after.getDynamicData().getOpOwner());
        assertEquals(List.of(), entries(vm.getId(), "VM_START_INTERRUPTED"));
        assertEquals(1, entries(vm.getId(), "USER_STARTED_VM").size());
        monitorB.refresh();
        assertEquals(VMStatus.Up, engine.vmDao.get(vm.getId()).getStatus());
    }

    @Test
    void aStartOfADeadNodeIsInterruptedOnceAndItsLateOutcomeLoses() throws Exception {
        heartbeat(nodeA, false); // node A's heartbeat expired: it is dead as far as the cluster knows
        Cluster cluster = engine.cluster("two-nodes", false);
        HeldAgent agent = new HeldAgent();
        VdsStatic host = engine.host("held", cluster, 8192, agent.client);
        VmStatic vm = engine.vm("orphan", cluster, 1024);
        Future<ActionReturnValue> start = threads.submit(() -> nodeA.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), host.getId())));
        assertTrue(agent.entered.await(10, TimeUnit.SECONDS), "the agent was never asked");

        VdsManager monitorB = nodeB.monitor(host.getId());
        monitorB.refresh();
        monitorB.refresh();
        Vm interrupted = engine.vmDao.get(vm.getId());
        assertEquals(VMStatus.Down, interrupted.getStatus());
        assertNull(interrupted.getDynamicData().getOpOwner());
        assertEquals(1, entries(vm.getId(), "VM_START_INTERRUPTED").size());

        // Node A was only paused: its outcome comes late and must not overwrite what B recorded, nor be audited as a start.
        agent.release.countDown();
        ActionReturnValue late = start.get(10, TimeUnit.SECONDS);
        assertFalse(late.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_STATE_RECORDED_MEANWHILE, late.getFault().message());
        assertEquals(VMStatus.Down, engine.vmDao.get(vm.getId()).getStatus());
        assertEquals(List.of(), entries(vm.getId(), "USER_STARTED_VM"));
        assertEquals(1, entries(vm.getId(), "VM_START_INTERRUPTED").size());
    }

    @Test
    void twoNodesSettingTheSameHostNonOperationalWriteOneTransitionAndOneEntry() throws Exception {
        Cluster cluster = engine.cluster("two-nodes", false);
        HostAgentClient agent = mock(HostAgentClient.class);
        VdsStatic host = engine.host("tampered", cluster, 8192, agent);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ActionReturnValue>> results = new ArrayList<>();
        for (RealEngine.Node node : List.of(nodeA, nodeB)) {
            results.add(threads.submit(() -> {
                go.await();
                SetNonOperationalVdsParameters parameters = new SetNonOperationalVdsParameters(host.getId(), NonOperationalReason.UNTRUSTED,
                        Map.of("TrustLevel", "UNTRUSTED"));
                parameters.setUserName("engine");
                return node.executor.runAction(ActionType.SetNonOperationalVds, parameters);
            }));
        }
        go.countDown();
        for (Future<ActionReturnValue> result : results) {
            ActionReturnValue rv = result.get(30, TimeUnit.SECONDS);
            assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        }
        assertEquals(VDSStatus.NonOperational, engine.vdsDao.get(host.getId()).getStatus());
        assertEquals(1, entries(host.getId(), "VDS_UNTRUSTED").size());
    }
}
