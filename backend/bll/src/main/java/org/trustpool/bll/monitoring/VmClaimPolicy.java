package org.trustpool.bll.monitoring;

import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.dal.ClusterDao;

/**
 * Whether a host's report that it runs a VM the engine does not place there may move the engine's
 * record of that VM to the host. A report is only a claim: a host (or whoever answers at its address)
 * can name any VM id it likes. Recording a VM that needs trust as running on a host that is not
 * trusted would tell the administrator, the API and scheduling that a trusted workload sits on an
 * unverified machine, and would hand that machine the VM's later operations; so the same rules as
 * placing it apply (TrustedHostFilter's: a current TRUSTED verdict), plus the VM's own cluster, which
 * the engine never places a VM outside of.
 */
final class VmClaimPolicy {
    private final ClusterDao clusterDao;
    private final AttestationBroker broker;

    VmClaimPolicy(ClusterDao clusterDao, AttestationBroker broker) {
        this.clusterDao = clusterDao;
        this.broker = broker;
    }

    /** What a refused claim is, and whether the host's copy must go. */
    record Refusal(String reason, boolean destroyCopy) {
    }

    /** Null when the host may be recorded as running the VM. */
    Refusal check(Vds host, Vm vm) {
        Cluster vmCluster = clusterDao.get(vm.getClusterId());
        // Fail closed: a VM whose cluster cannot be read counts as needing trust.
        boolean needsTrust = vm.getStaticData().isTrustedHostFlag() || vmCluster == null || vmCluster.isTrustedService();
        if (needsTrust) {
            if (vmCluster != null && vmCluster.isTrustedService() && !vmCluster.getId().equals(host.getClusterId())) {
                return new Refusal("the VM belongs to trusted cluster " + vmCluster.getName() + ", the host to cluster "
                        + host.getClusterName(), true);
            }
            // The cached verdict only: monitoring never waits on the attestation service. No verdict is no trust.
            HostTrust trust = broker.currentTrust(host.getId());
            if (!trust.isTrusted()) {
                return new Refusal("the VM needs a trusted host and the host's verdict is " + trust.level()
                        + (trust.reason() != null ? " (" + trust.reason() + ")" : ""), true);
            }
        }
        if (!vm.getClusterId().equals(host.getClusterId())) {
            // Not a trust matter: the copy may be an administrator's doing, so it is left running and reported.
            return new Refusal("the VM belongs to cluster " + (vmCluster != null ? vmCluster.getName() : vm.getClusterId())
                    + ", the host to cluster " + host.getClusterName(), false);
        }
        return null;
    }
}
