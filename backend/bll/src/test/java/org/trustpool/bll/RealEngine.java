package org.trustpool.bll;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

import javax.sql.DataSource;

import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.cluster.EngineNode;
import org.trustpool.bll.monitoring.MonitoringServices;
import org.trustpool.bll.monitoring.VdsManager;
import org.trustpool.bll.monitoring.VdsManagers;
import org.trustpool.bll.scheduling.SchedulingManager;
import org.trustpool.bll.scheduling.TrustedHostFilter;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.trust.MapTrustCache;
import org.trustpool.bll.vm.VmEvacuator;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.dal.AuditLogDao;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.DbUserDao;
import org.trustpool.dal.StoragePoolDao;
import org.trustpool.dal.VdcOptionDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VdsDynamicDao;
import org.trustpool.dal.VdsStaticDao;
import org.trustpool.dal.VdsTrustDao;
import org.trustpool.dal.VmDao;
import org.trustpool.dal.VmDynamicDao;
import org.trustpool.dal.VmStaticDao;
import org.trustpool.dal.VmTemplateDao;
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostAgentClientFactory;
import org.trustpool.vdsbroker.attestation.PollResult;

/**
 * The engine's command machinery over real DAOs on a real PostgreSQL (rows committed, removed by
 * {@link #removeAll()}), with stand-ins only for the network peers: host agents (by port) and the
 * attestation service's PollHosts. Each DAO call is its own transaction (autocommit); what must be
 * atomic, the reservation, is one stored procedure. For placement tests and benchmarks.
 */
public final class RealEngine {
    /** The default data center of V1__initial_schema.sql. */
    private static final UUID DEFAULT_STORAGE_POOL_ID = UUID.fromString("5849b030-626e-47cb-ad90-3ce782d831b3");

    public final DataSource dataSource;
    public final LockManager locks = new LockManager();
    public final CommandExecutor executor;
    public final VmDynamicDao vmDynamicDao;
    public final VdsDao vdsDao;
    public final VmDao vmDao;
    public final AuditLogDao auditLogDao;
    /** The agent of each host, by port. */
    public final Map<Integer, HostAgentClient> agents = new ConcurrentHashMap<>();
    private final ClusterDao clusterDao;
    private final VdcOptionDao options;
    private final EngineConfig config;
    private final HostAgentClientFactory hostAgents;
    private final AttestationBroker broker;
    private final List<UUID> clusters = new ArrayList<>();
    private final List<UUID> hosts = new ArrayList<>();
    private final List<UUID> vms = new ArrayList<>();
    private int nextPort = 40000 + (int) (Math.random() * 20000);

    /**
     * @param attestation the attestation service stand-in: host names asked, answers (may stall)
     * @param refreshes   where the broker's refreshes run
     */
    public RealEngine(DataSource dataSource, Function<List<String>, List<PollResult>> attestation, Executor refreshes) {
        this.dataSource = dataSource;
        vdsDao = new VdsDao(dataSource);
        vmDao = new VmDao(dataSource);
        vmDynamicDao = new VmDynamicDao(dataSource);
        auditLogDao = new AuditLogDao(dataSource);
        clusterDao = new ClusterDao(dataSource);
        options = new VdcOptionDao(dataSource);
        config = new EngineConfig(options);
        hostAgents = mock(HostAgentClientFactory.class);
        when(hostAgents.forHost(anyString(), anyInt())).thenAnswer(call -> agents.get((Integer) call.getArgument(1)));
        broker = new AttestationBroker(new MapTrustCache(Clock.systemUTC()), clusterDao, vdsDao, new VdsTrustDao(dataSource),
                config, settings -> attestation::apply, refreshes, Clock.systemUTC());
        executor = executorOf(new EngineNode("real-engine", "https://127.0.0.1:8443/ovirt-engine"), locks);
    }

    /** Commands of one engine node: its own LockManager (its JVM's memory) over the shared database. */
    private CommandExecutor executorOf(EngineNode node, LockManager nodeLocks) {
        CommandContext context = new CommandContext().withEngineNode(node)
                .withStoragePoolDao(new StoragePoolDao(dataSource)).withClusterDao(clusterDao).withVdsStaticDao(new VdsStaticDao(dataSource))
                .withVdsDynamicDao(new VdsDynamicDao(dataSource)).withVdsDao(vdsDao).withVmStaticDao(new VmStaticDao(dataSource))
                .withVmDynamicDao(vmDynamicDao).withVmDao(vmDao).withVmTemplateDao(new VmTemplateDao(dataSource))
                .withDbUserDao(new DbUserDao(dataSource)).withVdcOptionDao(options)
                .withAuditLogDirector(new AuditLogDirector(auditLogDao)).withHostAgents(hostAgents)
                .withSchedulingManager(new SchedulingManager(vdsDao, clusterDao, new TrustedHostFilter(broker)))
                .withAttestationBroker(broker).withVdsManagers(mock(VdsManagers.class)).withConfig(config);
        CommandExecutor nodeExecutor = new CommandExecutor(new CommandRegistry(), context, Fixtures.DIRECT, nodeLocks);
        context.withActionRunner(nodeExecutor).withVmEvacuator(new VmEvacuator(vmDao, nodeExecutor));
        return nodeExecutor;
    }

    /**
     * A second engine node on the same database (issue 15): another id and another LockManager, as another JVM
     * has, with the same hosts' agents; nothing but PostgreSQL is shared between it and this engine's executor.
     */
    public Node node(String id) {
        EngineNode node = new EngineNode(id, "https://127.0.0.1:8443/ovirt-engine");
        LockManager nodeLocks = new LockManager();
        return new Node(node, nodeLocks, executorOf(node, nodeLocks));
    }

    /** One engine node's executor and the monitoring of a host as that node runs it. */
    public final class Node {
        public final EngineNode node;
        public final LockManager locks;
        public final CommandExecutor executor;

        Node(EngineNode node, LockManager locks, CommandExecutor executor) {
            this.node = node;
            this.locks = locks;
            this.executor = executor;
        }

        public VdsManager monitor(UUID vdsId) {
            return new VdsManager(vdsId, new MonitoringServices(vdsDao, new VdsDynamicDao(dataSource), vmDao, vmDynamicDao, hostAgents,
                    new AuditLogDirector(auditLogDao), executor, locks, config, clusterDao, broker, node));
        }
    }

    /** Everyone trusted, at once. */
    public static List<PollResult> allTrusted(List<String> names) {
        return names.stream().map(n -> new PollResult(n, TrustLevel.TRUSTED, Instant.now(), null)).toList();
    }

    public synchronized Cluster cluster(String name, boolean trusted) {
        Cluster c = new Cluster();
        c.setId(UUID.randomUUID());
        c.setName(name + "-" + c.getId().toString().substring(0, 8));
        c.setStoragePoolId(DEFAULT_STORAGE_POOL_ID);
        c.setCompatibilityVersion("4.7");
        c.setCpuName("Intel SandyBridge Family");
        c.setTrustedService(trusted);
        new ClusterDao(dataSource).save(c);
        clusters.add(c.getId());
        return c;
    }

    /** An Up host with this agent. */
    public synchronized VdsStatic host(String name, Cluster cluster, long memMb, HostAgentClient agent) {
        VdsStatic vds = new VdsStatic();
        vds.setId(UUID.randomUUID());
        vds.setName(name + "-" + vds.getId().toString().substring(0, 8));
        vds.setHostName("127.0.0.1");
        vds.setPort(nextPort++);
        vds.setClusterId(cluster.getId());
        new VdsStaticDao(dataSource).save(vds);
        VdsDynamic dynamic = new VdsDynamic();
        dynamic.setId(vds.getId());
        dynamic.setStatus(VDSStatus.Up);
        dynamic.setPhysicalMemMb(memMb);
        new VdsDynamicDao(dataSource).save(dynamic);
        agents.put(vds.getPort(), agent);
        hosts.add(vds.getId());
        return vds;
    }

    /** A Down VM from Blank. */
    public synchronized VmStatic vm(String name, Cluster cluster, int memMb) {
        VmStatic vm = new VmStatic();
        vm.setId(UUID.randomUUID());
        vm.setName(name + "-" + vm.getId().toString().substring(0, 8));
        vm.setClusterId(cluster.getId());
        vm.setTemplateId(VmTemplate.BLANK_TEMPLATE_ID);
        vm.setMemSizeMb(memMb);
        new VmStaticDao(dataSource).save(vm);
        VmDynamic dynamic = new VmDynamic();
        dynamic.setId(vm.getId());
        dynamic.setStatus(VMStatus.Down);
        vmDynamicDao.save(dynamic);
        vms.add(vm.getId());
        return vm;
    }

    /** Removes every row this engine added (VMs, hosts with their trust rows, clusters). */
    public synchronized void removeAll() {
        for (UUID vm : vms) {
            vmDynamicDao.remove(vm);
            new VmStaticDao(dataSource).remove(vm);
        }
        for (UUID host : hosts) {
            try (var c = dataSource.getConnection(); var s = c.prepareStatement("DELETE FROM vds_trust WHERE vds_id = ?")) {
                s.setObject(1, host);
                s.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            new VdsDynamicDao(dataSource).remove(host);
            new VdsStaticDao(dataSource).remove(host);
        }
        clusters.forEach(new ClusterDao(dataSource)::remove);
        vms.clear();
        hosts.clear();
        clusters.clear();
    }
}
