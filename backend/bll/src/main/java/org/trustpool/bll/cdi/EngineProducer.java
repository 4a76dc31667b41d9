package org.trustpool.bll.cdi;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.CommandExecutor;
import org.trustpool.bll.CommandRegistry;
import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.TransactionRunner;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.cluster.ClusterMembership;
import org.trustpool.bll.cluster.EngineNode;
import org.trustpool.bll.monitoring.MonitoringServices;
import org.trustpool.bll.monitoring.VdsManagers;
import org.infinispan.Cache;
import org.trustpool.bll.ovf.ExportDirectory;
import org.trustpool.bll.scheduling.SchedulingManager;
import org.trustpool.bll.scheduling.TrustedHostFilter;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.trust.InfinispanTrustCache;
import org.trustpool.bll.trust.ReusedAttestationClients;
import org.trustpool.bll.trust.TrustMonitor;
import org.trustpool.bll.user.LoginService;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.bll.vm.VmEvacuator;
import org.trustpool.dal.AuditLogDao;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.DbUserDao;
import org.trustpool.dal.EngineClusterDao;
import org.trustpool.dal.LoginFailureDao;
import org.trustpool.dal.SsoTokenDao;
import org.trustpool.dal.StoragePoolDao;
import org.trustpool.dal.VdcOptionDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VdsDynamicDao;
import org.trustpool.dal.VdsStaticDao;
import org.trustpool.dal.VmDao;
import org.trustpool.dal.VmDynamicDao;
import org.trustpool.dal.VmStaticDao;
import org.trustpool.dal.VmTemplateDao;
import org.trustpool.dal.VdsTrustDao;
import org.trustpool.vdsbroker.AgentCallLimits;
import org.trustpool.vdsbroker.HostAgentClientFactory;

/**
 * Wires the engine once: DAOs over the container's datasource, the command machinery and host
 * monitoring. Everything is constructed here and handed on; nothing is looked up statically.
 */
@ApplicationScoped
public class EngineProducer {
    public static final String DATASOURCE = "java:jboss/datasources/TrustpoolDS";

    @Resource(lookup = DATASOURCE)
    private DataSource dataSource;

    /**
     * Threads for attestation refreshes, in a pool of their own: a refresh waits on the attestation service
     * (up to its read timeout, several batches at once), and those waits must not hold the threads host
     * monitoring needs.
     */
    @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
    private ManagedThreadFactory threadFactory;
    private ExecutorService attestationExecutor;
    /**
     * Threads for host monitoring, in a pool of their own: each refresh of a host waits on its agent (mutual TLS)
     * and on PostgreSQL, so a host costs far more waiting than CPU. WildFly's default managed executor has a
     * few threads per core (4 here): 1,000 hosts every 2 s need about 500 refreshes per second, and those 4
     * threads managed about 150 (trustpool bench --only P7: p50 poll age 6.5 s, p99 16.6 s, WildFly at 34% of a
     * core). With 32 threads the same command measured p99 4.7 s (2.35 x VdsRefreshRate, target 3), WildFly at
     * 104% of a core; well inside TrustpoolDS's 50 connections.
     */
    private ExecutorService monitoringExecutor;

    /** WildFly's Infinispan cache for attestation verdicts (container trustpool, cache trust; see configure-server.cli). */
    @Resource(lookup = "java:jboss/infinispan/cache/trustpool/trust")
    private Cache<UUID, HostTrust> trustCache;

    /** The EJB's local business view (JtaTransactionRunner), so its methods get container transactions. */
    @Inject
    private TransactionRunner transactions;

    private StoragePoolDao storagePoolDao;
    private ClusterDao clusterDao;
    private VdsDao vdsDao;
    private VmDao vmDao;
    private VmTemplateDao vmTemplateDao;
    private AuditLogDao auditLogDao;
    private DbUserDao dbUserDao;
    private SsoTokenDao ssoTokenDao;
    private VdcOptionDao vdcOptionDao;
    private EngineConfig config;
    private CommandExecutor commandExecutor;
    private final CommandRegistry registry = new CommandRegistry();
    private VdsManagers vdsManagers;
    private TrustMonitor trustMonitor;
    private LoginService loginService;
    private ExportDirectory exportDirectory;
    private AttestationBroker attestationBroker;
    private ClusterMembership membership;
    private InfinispanTrustCache verdicts;

    private static final int ATTESTATION_THREADS = 32;
    private static final int MONITORING_THREADS = 32;

    @PreDestroy
    void stopThreads() {
        if (verdicts != null) {
            verdicts.close(); // its listener is the deployment's code, on WildFly's cache, which outlives the deployment
        }
        if (attestationExecutor != null) {
            attestationExecutor.shutdownNow();
        }
        if (monitoringExecutor != null) {
            monitoringExecutor.shutdownNow();
        }
    }

    @PostConstruct
    void init() {
        storagePoolDao = new StoragePoolDao(dataSource);
        clusterDao = new ClusterDao(dataSource);
        vdsDao = new VdsDao(dataSource);
        vmDao = new VmDao(dataSource);
        vmTemplateDao = new VmTemplateDao(dataSource);
        auditLogDao = new AuditLogDao(dataSource);
        dbUserDao = new DbUserDao(dataSource);
        ssoTokenDao = new SsoTokenDao(dataSource);
        vdcOptionDao = new VdcOptionDao(dataSource);
        config = EngineConfig.inMemory(vdcOptionDao);
        // This node (-Djboss.node.name): it marks the VMs its commands work on, and holds its leases under this name.
        EngineNode node = EngineNode.ofServer();
        membership = new ClusterMembership(node, new EngineClusterDao(dataSource), config);
        VdsDynamicDao vdsDynamicDao = new VdsDynamicDao(dataSource);
        VmDynamicDao vmDynamicDao = new VmDynamicDao(dataSource);
        LockManager locks = new LockManager();
        AuditLogDirector auditLogDirector = new AuditLogDirector(auditLogDao);
        loginService = new LoginService(dbUserDao, new LoginFailureDao(dataSource), config, auditLogDirector, Clock.systemUTC());
        HostAgentClientFactory hostAgents = new HostAgentClientFactory(new AgentCallLimits(
                Duration.ofSeconds(config.getInt("VdsConnectTimeoutSeconds", 3)),
                Duration.ofSeconds(config.getInt("VdsRequestTimeoutSeconds", 10)),
                config.getInt("VdsMaxAnswerBytes", AgentCallLimits.DEFAULT_MAX_ANSWER_BYTES)), HostChannel.tls());

        // Bounded: at most this many PollHosts requests in flight (AttestationConcurrentBatches asks for at most 64);
        // a refresh's own thread works through its batches too, so it ends even when the helpers find no thread.
        attestationExecutor = new ThreadPoolExecutor(ATTESTATION_THREADS, ATTESTATION_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory);
        // The queue is unbounded, and VdsManagers bounds it: at most one refresh of each host waits in it.
        monitoringExecutor = new ThreadPoolExecutor(MONITORING_THREADS, MONITORING_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory);
        verdicts = new InfinispanTrustCache(trustCache);
        AttestationBroker broker = new AttestationBroker(verdicts, clusterDao, vdsDao,
                new VdsTrustDao(dataSource), config, new ReusedAttestationClients(), attestationExecutor,
                Clock.systemUTC());
        attestationBroker = broker;
        exportDirectory = new ExportDirectory(config);
        CommandContext context = new CommandContext()
                .withEngineNode(node)
                .withStoragePoolDao(storagePoolDao)
                .withClusterDao(clusterDao)
                .withVdsStaticDao(new VdsStaticDao(dataSource))
                .withVdsDynamicDao(vdsDynamicDao)
                .withVdsDao(vdsDao)
                .withVmStaticDao(new VmStaticDao(dataSource))
                .withVmDynamicDao(vmDynamicDao)
                .withVmDao(vmDao)
                .withVmTemplateDao(vmTemplateDao)
                .withDbUserDao(dbUserDao)
                .withVdcOptionDao(vdcOptionDao)
                .withAuditLogDirector(auditLogDirector)
                .withHostAgents(hostAgents)
                .withSchedulingManager(new SchedulingManager(vdsDao, clusterDao, new TrustedHostFilter(broker)))
                .withAttestationBroker(broker)
                .withExportDirectory(exportDirectory)
                .withConfig(config);
        commandExecutor = new CommandExecutor(registry, context, transactions, locks);
        vdsManagers = new VdsManagers(new MonitoringServices(vdsDao, vdsDynamicDao, vmDao, vmDynamicDao, hostAgents,
                auditLogDirector, commandExecutor, locks, config, clusterDao, broker, node), monitoringExecutor);
        VmEvacuator evacuator = new VmEvacuator(vmDao, commandExecutor);
        context.withActionRunner(commandExecutor)
                .withVmEvacuator(evacuator)
                .withVdsManagers(vdsManagers);
        trustMonitor = new TrustMonitor(broker, clusterDao, vdsDao, vmDao, commandExecutor, evacuator, vdsManagers, auditLogDirector, config);
    }

    @Produces public CommandExecutor commandExecutor() { return commandExecutor; }
    @Produces public CommandRegistry commandRegistry() { return registry; }
    @Produces public VdsManagers vdsManagers() { return vdsManagers; }
    @Produces public EngineConfig engineConfig() { return config; }
    @Produces public LoginService loginService() { return loginService; }
    @Produces public TrustMonitor trustMonitor() { return trustMonitor; }
    @Produces public ClusterMembership clusterMembership() { return membership; }
    @Produces public EngineClusterDao engineClusterDao() { return new EngineClusterDao(dataSource); }
    @Produces public ExportDirectory exportDirectory() { return exportDirectory; }
    /** The engine's one broker (its verdict cache and in-flight refresh), for the in-container tests (packaging/arquillian-it). */
    @Produces public AttestationBroker attestationBroker() { return attestationBroker; }
    @Produces public VdsTrustDao vdsTrustDao() { return new VdsTrustDao(dataSource); }
    @Produces public StoragePoolDao storagePoolDao() { return storagePoolDao; }
    @Produces public ClusterDao clusterDao() { return clusterDao; }
    @Produces public VdsDao vdsDao() { return vdsDao; }
    @Produces public VmDao vmDao() { return vmDao; }
    @Produces public VmTemplateDao vmTemplateDao() { return vmTemplateDao; }
    @Produces public AuditLogDao auditLogDao() { return auditLogDao; }
    @Produces public DbUserDao dbUserDao() { return dbUserDao; }
    @Produces public VdcOptionDao vdcOptionDao() { return vdcOptionDao; }
    @Produces public SsoTokenDao ssoTokenDao() { return ssoTokenDao; }
}
