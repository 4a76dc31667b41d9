package org.trustpool.bll;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.trustpool.bll.scheduling.TrustedHostFilter;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.trust.MapTrustCache;
import org.trustpool.bll.trust.MutableClock;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.dal.VdsTrustDao;
import org.trustpool.vdsbroker.attestation.AttestationUnavailableException;
import org.trustpool.vdsbroker.attestation.PollResult;

import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.monitoring.VdsManagers;
import org.trustpool.bll.scheduling.SchedulingManager;
import org.trustpool.bll.vm.VmEvacuator;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.dal.AuditLogDao;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.DbUserDao;
import org.trustpool.dal.StoragePoolDao;
import org.trustpool.dal.VdcOptionDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VdsDynamicDao;
import org.trustpool.dal.VdsStaticDao;
import org.trustpool.dal.VmDao;
import org.trustpool.dal.VmDynamicDao;
import org.trustpool.dal.VmStaticDao;
import org.trustpool.dal.VmTemplateDao;
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostAgentClientFactory;

/** A command context of mocks, and entity builders, for command tests. */
public class Fixtures {
    public final StoragePoolDao storagePoolDao = mock(StoragePoolDao.class);
    public final ClusterDao clusterDao = mock(ClusterDao.class);
    public final VdsStaticDao vdsStaticDao = mock(VdsStaticDao.class);
    public final VdsDynamicDao vdsDynamicDao = mock(VdsDynamicDao.class);
    public final VdsDao vdsDao = mock(VdsDao.class);
    public final VmStaticDao vmStaticDao = mock(VmStaticDao.class);
    public final VmDynamicDao vmDynamicDao = mock(VmDynamicDao.class);
    public final VmDao vmDao = mock(VmDao.class);
    public final VmTemplateDao vmTemplateDao = mock(VmTemplateDao.class);
    public final AuditLogDao auditLogDao = mock(AuditLogDao.class);
    public final VdcOptionDao vdcOptionDao = mock(VdcOptionDao.class);
    public final DbUserDao dbUserDao = mock(DbUserDao.class);
    public final HostAgentClientFactory hostAgents = mock(HostAgentClientFactory.class);
    public final VdsManagers vdsManagers = mock(VdsManagers.class);
    public final VmEvacuator vmEvacuator = mock(VmEvacuator.class);
    public final LockManager locks = new LockManager();
    public final VdsTrustDao vdsTrustDao = mock(VdsTrustDao.class);
    public final MutableClock clock = new MutableClock();
    public final MapTrustCache trustCache = new MapTrustCache(clock);
    /** What the fake attestation service answers, by host name; absent hosts are not in its answer. */
    public final Map<String, TrustLevel> attestation = new ConcurrentHashMap<>();
    public final AtomicInteger pollRequests = new AtomicInteger();
    public volatile boolean attestationDown;
    /** Hosts whose entry in the answer fails the signature check: UNKNOWN and undated, as AttestationClient reads them. */
    public final java.util.Set<String> unsignedAnswers = ConcurrentHashMap.newKeySet();
    public final AttestationBroker broker;
    /** The engine node the commands and monitoring of a test run on. */
    public final org.trustpool.bll.cluster.EngineNode node = new org.trustpool.bll.cluster.EngineNode("test-node", "https://127.0.0.1:8443/ovirt-engine");
    public final CommandContext context;
    public final CommandExecutor executor;

    public Fixtures() {
        broker = new AttestationBroker(trustCache, clusterDao, vdsDao, vdsTrustDao, new EngineConfig(vdcOptionDao),
                settings -> names -> {
                    pollRequests.incrementAndGet();
                    if (attestationDown) {
                        throw new AttestationUnavailableException("connection refused", null);
                    }
                    return names.stream().map(n -> unsignedAnswers.contains(n)
                            ? new PollResult(n, TrustLevel.UNKNOWN, null, "the attestation service's answer is not signed")
                            : new PollResult(n, attestation.getOrDefault(n, TrustLevel.UNKNOWN),
                            clock.instant(), attestation.get(n) == TrustLevel.TRUSTED ? null : "PCR 19 differs")).toList();
                }, Runnable::run, clock);
        context = new CommandContext().withEngineNode(node)
                .withStoragePoolDao(storagePoolDao).withClusterDao(clusterDao).withVdsStaticDao(vdsStaticDao)
                .withVdsDynamicDao(vdsDynamicDao).withVdsDao(vdsDao).withVmStaticDao(vmStaticDao)
                .withVmDynamicDao(vmDynamicDao).withVmDao(vmDao).withVmTemplateDao(vmTemplateDao).withDbUserDao(dbUserDao).withVdcOptionDao(vdcOptionDao)
                .withAuditLogDirector(new AuditLogDirector(auditLogDao)).withHostAgents(hostAgents)
                .withSchedulingManager(new SchedulingManager(vdsDao, clusterDao, new TrustedHostFilter(broker)))
                .withExportDirectory(new org.trustpool.bll.ovf.ExportDirectory(new EngineConfig(vdcOptionDao)))
                .withAttestationBroker(broker).withVdsManagers(vdsManagers)
                .withVmEvacuator(vmEvacuator).withConfig(new EngineConfig(vdcOptionDao));
        // compare-and-set updates find the version they read (a test that wants a lost race says so)
        when(vmStaticDao.update(org.mockito.ArgumentMatchers.any())).thenReturn(true);
        when(clusterDao.update(org.mockito.ArgumentMatchers.any())).thenReturn(true);
        // The database's decisions, by default in favour (tests of a refusal stub otherwise; the decisions
        // themselves are tested against PostgreSQL in the dal module and in ConcurrentPlacementTest).
        when(vmDynamicDao.reserveForRun(any(), any(), any(), any())).thenReturn(VmDynamicDao.Reservation.RESERVED);
        when(vmDynamicDao.reserveForMigration(any(), any(), any(), any())).thenReturn(VmDynamicDao.Reservation.RESERVED);
        when(vmDynamicDao.compareAndSetStatus(any(), any(), any())).thenReturn(true);
        when(vmDynamicDao.beginOperation(any(), any(), any(), any())).thenReturn(true);
        when(vmDynamicDao.updateIfUnchanged(any(), any(), any(), any())).thenReturn(true);
        when(vdsDynamicDao.compareAndSetStatus(any(), any(), any())).thenReturn(true);
        when(vdsDynamicDao.compareAndSetStatusAndReasons(any(), any(), any(), any())).thenReturn(true);
        when(vdsManagers.activate(any(), any())).thenReturn(true);
        executor = new CommandExecutor(new CommandRegistry(), context, DIRECT, locks);
        context.withActionRunner(executor);
    }

    /** Transactions in a unit test: just run the work. */
    public static final TransactionRunner DIRECT = new TransactionRunner() {
        @Override public <T> T inNewTransaction(java.util.function.Supplier<T> work) {
            return work.get();
        }
    };

    public Cluster cluster(String name) {
        Cluster c = new Cluster();
        c.setId(UUID.randomUUID());
        c.setName(name);
        c.setStoragePoolId(UUID.randomUUID());
        c.setCompatibilityVersion("4.7");
        c.setCpuName("Intel SandyBridge Family");
        when(clusterDao.get(c.getId())).thenReturn(c);
        return c;
    }

    public Cluster trustedCluster(String name) {
        Cluster c = cluster(name);
        c.setTrustedService(true);
        when(clusterDao.getAllTrusted()).thenReturn(java.util.List.of(c));
        return c;
    }

    public Vds host(String name, Cluster cluster, VDSStatus status, long memMb, long committedMb) {
        Vds h = new Vds();
        h.getStaticData().setId(UUID.randomUUID());
        h.getStaticData().setName(name);
        h.getStaticData().setHostName("127.0.0.1");
        h.getStaticData().setPort(50000 + Math.abs(name.hashCode() % 10000));
        h.getStaticData().setClusterId(cluster.getId());
        h.getDynamicData().setId(h.getId());
        h.getDynamicData().setStatus(status);
        h.getDynamicData().setPhysicalMemMb(memMb);
        h.setMemCommittedMb(committedMb);
        h.setClusterName(cluster.getName());
        when(vdsDao.get(h.getId())).thenReturn(h);
        java.util.List<Vds> inCluster = new java.util.ArrayList<>(vdsDao.getAllForCluster(cluster.getId()));
        inCluster.add(h);
        when(vdsDao.getAllForCluster(cluster.getId())).thenReturn(inCluster);
        return h;
    }

    public Vm vm(String name, Cluster cluster, VMStatus status, Vds runOn) {
        Vm vm = new Vm();
        vm.getStaticData().setId(UUID.randomUUID());
        vm.getStaticData().setName(name);
        vm.getStaticData().setClusterId(cluster.getId());
        vm.getStaticData().setMemSizeMb(1024);
        vm.getDynamicData().setId(vm.getId());
        vm.getDynamicData().setStatus(status);
        vm.getDynamicData().setRunOnVds(runOn == null ? null : runOn.getId());
        vm.setClusterName(cluster.getName());
        when(vmDao.get(vm.getId())).thenReturn(vm);
        return vm;
    }

    public HostAgentClient agentFor(Vds host) {
        HostAgentClient agent = mock(HostAgentClient.class);
        when(agent.endpoint()).thenReturn("http://127.0.0.1:" + host.getStaticData().getPort() + "/jsonrpc");
        when(hostAgents.forHost(host.getStaticData().getHostName(), host.getStaticData().getPort())).thenReturn(agent);
        return agent;
    }
}
