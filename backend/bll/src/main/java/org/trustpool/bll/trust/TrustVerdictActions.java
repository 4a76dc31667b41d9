package org.trustpool.bll.trust;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

import org.trustpool.bll.ActionRunner;
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
import org.trustpool.common.utils.TrustWords;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;

/**
 * What a fresh verdict about a host of a trusted cluster does to the host: an Up host that is not trusted
 * is set NonOperational (its VMs move to trusted hosts), and a host taken out for being untrusted comes
 * back when it is trusted again (if AttestationAutoRecoverUntrusted). The periodic re-attestation and
 * "Re-attest now" both act through here, so a verdict asked for by an administrator has exactly the effect
 * the same verdict would have had a moment later from the monitor.
 */
public class TrustVerdictActions {
    private static final Logger LOG = Logger.getLogger(TrustVerdictActions.class.getName());

    private final ClusterDao clusterDao;
    private final VdsDao vdsDao;
    private final ActionRunner actions;
    private final VdsManagers vdsManagers;
    private final AuditLogDirector audit;

    public TrustVerdictActions(ClusterDao clusterDao, VdsDao vdsDao, ActionRunner actions, VdsManagers vdsManagers,
            AuditLogDirector audit) {
        this.clusterDao = clusterDao;
        this.vdsDao = vdsDao;
        this.actions = actions;
        this.vdsManagers = vdsManagers;
        this.audit = audit;
    }

    /** Acts on the service's verdict about the host; a host outside the trusted clusters is not touched. */
    public void act(UUID vdsId, HostTrust trust, boolean autoRecover) {
        Vds host = vdsDao.get(vdsId);
        Cluster cluster = host == null ? null : clusterDao.get(host.getClusterId());
        if (cluster == null || !cluster.isTrustedService()) {
            return;
        }
        if (!trust.isTrusted() && host.getStatus() == VDSStatus.Up) {
            LOG.warning("host " + host.getName() + " is no longer trusted: " + trust.level() + " " + trust.reason());
            SetNonOperationalVdsParameters parameters = new SetNonOperationalVdsParameters(vdsId, NonOperationalReason.UNTRUSTED,
                    Map.of("TrustLevel", trust.level().name(), "VerifiedAt", String.valueOf(trust.verifiedAt()),
                            "TrustReason", String.valueOf(TrustWords.shorten(trust.reason()))));
            parameters.setUserName("engine");
            actions.runAction(ActionType.SetNonOperationalVds, parameters);
        } else if (trust.isTrusted() && autoRecover && host.getStatus() == VDSStatus.NonOperational
                && host.getDynamicData().getNonOperationalReason() == NonOperationalReason.UNTRUSTED) {
            // Compare and set from the NonOperational read above: if another node (or an administrator) changed the
            // host first, this verdict brings nothing back and says nothing, so the restoration is audited once.
            if (!vdsManagers.activate(vdsId, VDSStatus.NonOperational)) {
                return;
            }
            audit.log(AuditLogType.VDS_TRUST_RESTORED, new AuditLogable().withUser("engine", null).withVds(host)
                    .addCustomValue("VerifiedAt", String.valueOf(trust.verifiedAt())));
            vdsManagers.refreshSoon(vdsId);
        }
    }
}
