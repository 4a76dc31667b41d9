package org.trustpool.bll.trust;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

import org.trustpool.bll.ActionRunner;
import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.auditlog.AuditLogable;
import org.trustpool.bll.monitoring.VdsManagers;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.SetNonOperationalVdsParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;

/**
 * Re-attests all hosts of the trusted clusters every period (going beyond oVirt, which checks at
 * boot only): a host whose measurements change while it is Up is taken out of service and its VMs
 * move to trusted hosts. An outage of the attestation service changes no host's status (running
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
    private volatile boolean serviceDown;

    public TrustMonitor(AttestationBroker broker, ClusterDao clusterDao, VdsDao vdsDao, ActionRunner actions,
            VdsManagers vdsManagers, AuditLogDirector audit, EngineConfig config) {
        this.broker = broker;
        this.clusterDao = clusterDao;
        this.vdsDao = vdsDao;
        this.actions = actions;
        this.vdsManagers = vdsManagers;
        this.audit = audit;
        this.config = config;
    }

    /** One re-attestation cycle; returns when it has acted on the verdicts. */
    public void cycle() throws Exception {
        if (clusterDao.getAllTrusted().isEmpty()) {
            return;
        }
        RefreshOutcome outcome = broker.refreshAll().get();
        if (!outcome.serviceAvailable()) {
            if (!serviceDown) {
                serviceDown = true;
                audit.log(AuditLogType.ATTESTATION_SERVICE_UNREACHABLE, engine().addCustomValue("Reason", String.valueOf(outcome.failure())));
            }
            return;
        }
        if (serviceDown) {
            serviceDown = false;
            audit.log(AuditLogType.ATTESTATION_SERVICE_RECOVERED, engine());
        }
        boolean autoRecover = Boolean.parseBoolean(config.getString("AttestationAutoRecoverUntrusted", "true"));
        for (Map.Entry<UUID, HostTrust> entry : outcome.verdicts().entrySet()) {
            act(entry.getKey(), entry.getValue(), autoRecover);
        }
    }

    private void act(UUID vdsId, HostTrust trust, boolean autoRecover) {
        Vds host = vdsDao.get(vdsId);
        Cluster cluster = host == null ? null : clusterDao.get(host.getClusterId());
        if (cluster == null || !cluster.isTrustedService()) {
            return;
        }
        if (!trust.isTrusted() && host.getStatus() == VDSStatus.Up) {
            LOG.warning("host " + host.getName() + " is no longer trusted: " + trust.level() + " " + trust.reason());
            SetNonOperationalVdsParameters parameters = new SetNonOperationalVdsParameters(vdsId, NonOperationalReason.UNTRUSTED,
                    Map.of("TrustLevel", trust.level().name(), "VerifiedAt", String.valueOf(trust.verifiedAt()),
                            "TrustReason", String.valueOf(trust.reason())));
            parameters.setUserName("engine");
            actions.runAction(ActionType.SetNonOperationalVds, parameters);
        } else if (trust.isTrusted() && autoRecover && host.getStatus() == VDSStatus.NonOperational
                && host.getDynamicData().getNonOperationalReason() == NonOperationalReason.UNTRUSTED) {
            audit.log(AuditLogType.VDS_TRUST_RESTORED, engine().withVds(host).addCustomValue("VerifiedAt", String.valueOf(trust.verifiedAt())));
            vdsManagers.activate(vdsId);
            vdsManagers.refreshSoon(vdsId);
        }
    }

    private static AuditLogable engine() {
        return new AuditLogable().withUser("engine", null);
    }
}
