package org.trustpool.restapi.types;

import java.util.Locale;

import org.trustpool.api.model.Cluster;
import org.trustpool.api.model.Cpu;
import org.trustpool.api.model.CpuTopology;
import org.trustpool.api.model.Host;
import org.trustpool.api.model.VmSummary;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.VdsStatic;

/**
 * Vds entity -> {@code <host>}, and {@code <host>} -> VdsStatic (only the static part is the client's to
 * set). description is not mapped: VdsStatic has no description (comment is mapped).
 */
public final class HostMapper {

    private HostMapper() {
    }

    public static Host map(Vds entity) {
        Host model = new Host();
        VdsStatic s = entity.getStaticData();
        Mappers.identify(model, Hrefs.HOSTS, s.getId());
        if (model.getHref() != null) {
            model.setActions(Hrefs.actions(model.getHref(), Hrefs.HOST_ACTIONS));
        }
        model.setName(s.getName());
        model.setComment(s.getComment());
        model.setAddress(s.getHostName());
        model.setPort(s.getPort());
        model.setCluster(Mappers.ref(new Cluster(), Hrefs.CLUSTERS, s.getClusterId()));

        VdsDynamic d = entity.getDynamicData();
        if (d != null) {
            model.setStatus(map(d.getStatus()));
            // Why a host is non-operational (e.g. "untrusted") is what an administrator needs to see.
            if (d.getStatus() == VDSStatus.NonOperational && d.getNonOperationalReason() != null
                    && d.getNonOperationalReason() != NonOperationalReason.NONE) {
                model.setStatusDetail(d.getNonOperationalReason().name().toLowerCase(Locale.ROOT));
            }
            // cpuCores is the host's total; shown as one socket of that many single-threaded cores.
            CpuTopology topology = new CpuTopology();
            topology.setCores(d.getCpuCores());
            topology.setSockets(1);
            topology.setThreads(1);
            Cpu cpu = new Cpu();
            cpu.setTopology(topology);
            model.setCpu(cpu);
            model.setMemory(Mappers.mbToBytes(d.getPhysicalMemMb()));
            // The host agent reports only the VMs running there, which are all active.
            VmSummary summary = new VmSummary();
            summary.setActive(d.getVmCount());
            summary.setTotal(d.getVmCount());
            model.setSummary(summary);
        }
        return model;
    }

    /** oVirt v4's HostStatus values. */
    public static String map(VDSStatus status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case Unassigned -> "unassigned";
            case Down -> "down";
            case Maintenance -> "maintenance";
            case Up -> "up";
            case NonResponsive -> "non_responsive";
            case Error -> "error";
            case Installing -> "installing";
            case InstallFailed -> "install_failed";
            case Reboot -> "reboot";
            case PreparingForMaintenance -> "preparing_for_maintenance";
            case NonOperational -> "non_operational";
            case PendingApproval -> "pending_approval";
            case Initializing -> "initializing";
            case Connecting -> "connecting";
        };
    }

    /**
     * Applies what the document names (name, comment, address, port, cluster id) onto a copy of
     * {@code existing} (a new entity when null). Status, cpu, memory and summary are monitoring's, not the
     * client's, and are ignored. A cluster given by name only is left to the caller to resolve.
     */
    public static VdsStatic map(Host model, VdsStatic existing) {
        VdsStatic entity = copy(existing);
        if (model.getId() != null) {
            entity.setId(Mappers.uuid(model.getId()));
        }
        if (model.getName() != null) {
            entity.setName(model.getName());
        }
        if (model.getComment() != null) {
            entity.setComment(model.getComment());
        }
        if (model.getAddress() != null) {
            entity.setHostName(model.getAddress());
        }
        if (model.getPort() != null) {
            entity.setPort(model.getPort());
        }
        if (Mappers.refId(model.getCluster()) != null) {
            entity.setClusterId(Mappers.refId(model.getCluster()));
        }
        return entity;
    }

    static VdsStatic copy(VdsStatic from) {
        VdsStatic to = new VdsStatic();
        if (from != null) {
            to.setId(from.getId());
            to.setName(from.getName());
            to.setHostName(from.getHostName());
            to.setPort(from.getPort());
            to.setClusterId(from.getClusterId());
            to.setComment(from.getComment());
        }
        return to;
    }
}
