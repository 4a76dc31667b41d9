package org.trustpool.bll.trust;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.trustpool.bll.ActionRunner;
import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.auditlog.AuditLogable;
import org.trustpool.bll.monitoring.VdsManagers;
import org.trustpool.bll.vm.VmEvacuator;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.SetNonOperationalVdsParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.ConfigValues;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.utils.TrustWords;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VmDao;

/**
 * Re-attests all hosts of the trusted clusters every period (going beyond oVirt, which checks at
 * boot only): a host whose measurements change while it is Up is taken out of service and its VMs
 * move to trusted hosts. Every host running a VM that needs trust is re-attested too, in any cluster:
 * while such a VM runs on a host without a TRUSTED verdict it is moved to a trusted host, each cycle
 * until it is (the audit log says so when that changes, naming those that cannot move); a host of a
 * plain cluster stays in service for its other VMs. An outage of the attestation service changes no host's status (running
 * VMs are not shuffled between equally unverified hosts); it only blocks trusted placements,
 * through the filter, and raises an alert.
 */
public class TrustMonitor {
    private static final Logger LOG = Logger.getLogger(TrustMonitor.class.getName());

    private final AttestationBroker broker;
    private final ClusterDao clusterDao;
    private final VdsDao vdsDao;
    private final ActionRunner actions;
    private final VdsManagers vdsManagers;
    private final AuditLogDirector audit;
    private final EngineConfig config;
    private final VmDao vmDao;
    private final VmEvacuator evacuator;
    private final TrustVerdictActions verdictActions;
    private volatile boolean serviceDown;
    /** What was last said about each untrusted plain-cluster host running trusted VMs (its VMs and those that could not move). */
    private final Map<UUID, String> reported = new ConcurrentHashMap<>();
    /** Statuses in which a host runs VMs and answers, so they can be migrated off it. */
    private static final Set<VDSStatus> MIGRATABLE_FROM = Set.of(VDSStatus.Up, VDSStatus.NonOperational);

    public TrustMonitor(AttestationBroker broker, ClusterDao clusterDao, VdsDao vdsDao, VmDao vmDao, ActionRunner actions,
            VmEvacuator evacuator, VdsManagers vdsManagers, AuditLogDirector audit, EngineConfig config) {
        this.vmDao = vmDao;
        this.evacuator = evacuator;
        this.broker = broker;
        this.clusterDao = clusterDao;
        this.vdsDao = vdsDao;
        this.actions = actions;
        this.vdsManagers = vdsManagers;
        this.audit = audit;
        this.config = config;
        this.verdictActions = new TrustVerdictActions(clusterDao, vdsDao, actions, vdsManagers, audit);
    }

    /** How long until the next cycle: one step of the spread re-attestation (AttestationBroker.reattestStepMillis). */
    public long nextCycleMillis() {
        return broker.reattestStepMillis();
    }

    /** One re-attestation cycle (a slice of the hosts, the oldest verdicts first); returns when it has acted on the verdicts. */
    public void cycle() throws Exception {
        Set<UUID> trustedClusters = new HashSet<>();
        clusterDao.getAllTrusted().forEach(c -> trustedClusters.add(c.getId()));
        Map<UUID, List<Vm>> guarded = vmsNeedingTrustByHost(trustedClusters);
        if (trustedClusters.isEmpty() && guarded.isEmpty()) {
            return;
        }
        // The oldest verdicts among the hosts of trusted clusters and every host running a VM that needs trust:
        // one batch per cycle, plus any verdict that would lapse before the next cycle.
        int batch = Math.max(1, config.getInt(ConfigValues.AttestationBatchSize, 50));
        long cycleMillis = nextCycleMillis();
        RefreshOutcome outcome = broker.reattestOldest(guarded.keySet(), batch, Duration.ofMillis(cycleMillis / 2)).get();

        if (!outcome.serviceAvailable()) {
            if (!serviceDown) {
                serviceDown = true;
                audit.log(AuditLogType.ATTESTATION_SERVICE_UNREACHABLE, engine().addCustomValue("Reason", String.valueOf(outcome.failure())));
            }
        } else if (serviceDown) {
            serviceDown = false;
            audit.log(AuditLogType.ATTESTATION_SERVICE_RECOVERED, engine());
        }
        boolean autoRecover = config.getBoolean(ConfigValues.AttestationAutoRecoverUntrusted, true);
        // Each host on its own: one failing (a database hiccup, a command throwing) must not leave the
        // others unchecked until the next cycle. Only the service's own answers are acted on: a host it
        // could not be asked about (an outage, or a failed batch) changes nothing (see the class comment).
        for (Map.Entry<UUID, HostTrust> entry : outcome.verdicts().entrySet()) {
            if (outcome.answered(entry.getKey())) {
                forHost(entry.getKey(), () -> act(entry.getKey(), entry.getValue(), autoRecover));
            }
        }
        // Then every VM that needs trust and still runs on a host without a TRUSTED verdict is moved, in any
        // cluster and whatever put it there (it could not be moved when its host went NonOperational, it was
        // found running after a host came back, it was placed in the instant its host turned untrusted).
        // Read again: taking hosts out above has moved some already.
        Map<UUID, List<Vm>> stillThere = vmsNeedingTrustByHost(trustedClusters);
        for (Map.Entry<UUID, List<Vm>> entry : stillThere.entrySet()) {
            UUID vdsId = entry.getKey();
            if (outcome.unanswered().contains(vdsId)) {
                continue; // no word from the service about this host: nothing is shuffled
            }
            // A host that was not part of this cycle's slice is judged by its cached verdict, if the service gave
            // it (one the engine made up during an outage, or none, moves nothing: the host is asked soon, its
            // verdict being the oldest).
            HostTrust trust = outcome.answered(vdsId) ? outcome.verdicts().get(vdsId) : broker.cachedAnswer(vdsId);
            if (trust == null) {
                continue;
            }
            forHost(vdsId, () -> moveTrustedVmsIfUntrusted(vdsId, trust, entry.getValue()));
        }
        reported.keySet().retainAll(stillThere.keySet());
    }

    private static void forHost(UUID vdsId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "re-attestation could not act on host " + vdsId + "; the next cycle tries again", e);
        }
    }

    /** Running VMs that need trust (their own flag, or their cluster's trusted service), by the host they run on. */
    private Map<UUID, List<Vm>> vmsNeedingTrustByHost(Set<UUID> trustedClusters) {
        Map<UUID, List<Vm>> byHost = new HashMap<>();
        for (Vm vm : vmDao.getAll()) {
            if (vm.getRunOnVds() != null && (vm.getStaticData().isTrustedHostFlag() || trustedClusters.contains(vm.getClusterId()))) {
                byHost.computeIfAbsent(vm.getRunOnVds(), id -> new ArrayList<>()).add(vm);
            }
        }
        return byHost;
    }

    private void moveTrustedVmsIfUntrusted(UUID vdsId, HostTrust trust, List<Vm> trustedVms) {
        if (trust != null && trust.isTrusted()) {
            reported.remove(vdsId);
            return;
        }
        Vds host = vdsDao.get(vdsId);
        if (host == null || !MIGRATABLE_FROM.contains(host.getStatus())) {
            // A host that does not answer is host monitoring's: HA VMs restart through RunVm, which picks
            // trusted hosts only; migrating off it would only fail. A host going to maintenance is emptied anyway.
            return;
        }
        String level = trust == null ? "no verdict" : trust.level() + ": " + trust.reason();
        LOG.warning("host " + host.getName() + " runs trusted VMs but is not trusted (" + level + ")");
        SetNonOperationalVdsParameters cause = new SetNonOperationalVdsParameters(vdsId, NonOperationalReason.UNTRUSTED, Map.of());
        cause.setUserName("engine");
        List<String> notMoved = evacuator.migrate(trustedVms, cause);
        String vmNames = trustedVms.stream().map(Vm::getName).sorted().collect(Collectors.joining(", "));
        String outcome = vmNames + "|" + String.join("; ", notMoved);
        // Said again only when what is on the host or what cannot move changes, not every cycle.
        if (!outcome.equals(reported.put(vdsId, outcome))) {
            audit.log(AuditLogType.VDS_UNTRUSTED_TRUSTED_VMS_MOVED, engine().withVds(host)
                    .addCustomValue("TrustReason", trust == null ? level : trust.level() + ": " + TrustWords.shorten(trust.reason()))
                    .addCustomValue("VerifiedAt", trust == null ? "never" : String.valueOf(trust.verifiedAt()))
                    .addCustomValue("VmNames", vmNames)
                    .addCustomValue("NotMoved", notMoved.isEmpty() ? "" : " Could not move: " + String.join("; ", notMoved)));
        }
    }

    private void act(UUID vdsId, HostTrust trust, boolean autoRecover) {
        verdictActions.act(vdsId, trust, autoRecover);
    }

    private static AuditLogable engine() {
        return new AuditLogable().withUser("engine", null);
    }
}
