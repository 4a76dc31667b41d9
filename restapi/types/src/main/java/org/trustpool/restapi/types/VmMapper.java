package org.trustpool.restapi.types;

import java.util.Locale;
import java.util.UUID;

import org.trustpool.api.model.Cluster;
import org.trustpool.api.model.HighAvailability;
import org.trustpool.api.model.Host;
import org.trustpool.api.model.Hosts;
import org.trustpool.api.model.OperatingSystem;
import org.trustpool.api.model.PlacementPolicy;
import org.trustpool.api.model.Template;
import org.trustpool.common.businessentities.MigrationSupport;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;

/**
 * Vm entity -> {@code <vm>}, and {@code <vm>} -> VmStatic (the part the client sets). trusted_host_flag is
 * not mapped: VmStatic has no field for it yet.
 */
public final class VmMapper {

    private VmMapper() {
    }

    public static org.trustpool.api.model.Vm map(Vm entity) {
        org.trustpool.api.model.Vm model = new org.trustpool.api.model.Vm();
        VmStatic s = entity.getStaticData();
        Mappers.identify(model, Hrefs.VMS, s.getId());
        if (model.getHref() != null) {
            model.setActions(Hrefs.actions(model.getHref(), Hrefs.VM_ACTIONS));
        }
        model.setName(s.getName());
        model.setDescription(s.getDescription());
        model.setCluster(Mappers.ref(new Cluster(), Hrefs.CLUSTERS, s.getClusterId()));
        model.setTemplate(Mappers.ref(new Template(), Hrefs.TEMPLATES, s.getTemplateId()));
        model.setMemory(Mappers.mbToBytes(s.getMemSizeMb()));
        model.setCpu(Mappers.toCpuTopology(s.getNumOfCpus()));
        if (s.getOsType() != null) {
            OperatingSystem os = new OperatingSystem();
            os.setType(s.getOsType());
            model.setOs(os);
        }
        PlacementPolicy placement = new PlacementPolicy();
        placement.setAffinity(map(s.getMigrationSupport()));
        if (s.getDedicatedVmForVds() != null) {
            Hosts hosts = new Hosts();
            hosts.getHost().add(Mappers.ref(new Host(), Hrefs.HOSTS, s.getDedicatedVmForVds()));
            placement.setHosts(hosts);
        }
        model.setPlacementPolicy(placement);
        HighAvailability ha = new HighAvailability();
        ha.setEnabled(s.isAutoStartup());
        model.setHighAvailability(ha);
        model.setCreationTime(Mappers.toXml(s.getCreationDate()));

        VmDynamic d = entity.getDynamicData();
        if (d != null) {
            model.setStatus(map(d.getStatus()));
            model.setHost(Mappers.ref(new Host(), Hrefs.HOSTS, d.getRunOnVds()));
            model.setStartTime(Mappers.toXml(d.getLastStartTime()));
            model.setStopTime(Mappers.toXml(d.getLastStopTime()));
        }
        model.setTrustedHostFlag(entity.getStaticData().isTrustedHostFlag());
        return model;
    }

    /** oVirt v4's VmStatus values. */
    public static String map(VMStatus status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case Down -> "down";
            // v4 has no image_illegal; such a VM cannot run, and oVirt's own UI shows it as stopped.
            case ImageIllegal -> "down";
            case Up -> "up";
            case PoweringUp -> "powering_up";
            case Paused -> "paused";
            // v4 does not tell the two ends of a migration apart.
            case MigratingFrom, MigratingTo -> "migrating";
            case Unknown -> "unknown";
            case NotResponding -> "not_responding";
            case WaitForLaunch -> "wait_for_launch";
            case RebootInProgress -> "reboot_in_progress";
            case SavingState -> "saving_state";
            case RestoringState -> "restoring_state";
            case Suspended -> "suspended";
            case ImageLocked -> "image_locked";
            case PoweringDown -> "powering_down";
        };
    }

    /** placement_policy affinity as oVirt writes it. */
    public static String map(MigrationSupport migrationSupport) {
        if (migrationSupport == null) {
            return null;
        }
        return switch (migrationSupport) {
            case MIGRATABLE -> "migratable";
            case IMPLICITLY_NON_MIGRATABLE -> "user_migratable";
            case PINNED_TO_HOST -> "pinned";
        };
    }

    /** migratable and user_migratable -> MIGRATABLE, pinned -> PINNED_TO_HOST. */
    public static MigrationSupport mapAffinity(String affinity) {
        return switch (affinity.trim().toLowerCase(Locale.ROOT)) {
            case "migratable", "user_migratable" -> MigrationSupport.MIGRATABLE;
            case "pinned" -> MigrationSupport.PINNED_TO_HOST;
            default -> throw new IllegalArgumentException("unknown placement_policy affinity '" + affinity + "'");
        };
    }

    /**
     * Applies what the document names onto a copy of {@code existing} (a new entity when null). Status,
     * host, creation/start/stop times are the engine's and are ignored. Memory is rounded down to whole MB;
     * cpu topology becomes cores * sockets * threads virtual CPUs. References given by name only are left
     * to the caller to resolve into ids before mapping.
     */
    public static VmStatic map(org.trustpool.api.model.Vm model, VmStatic existing) {
        VmStatic entity = copy(existing);
        if (model.getId() != null) {
            entity.setId(Mappers.uuid(model.getId()));
        }
        if (model.getName() != null) {
            entity.setName(model.getName());
        }
        if (model.getDescription() != null) {
            entity.setDescription(model.getDescription());
        }
        if (Mappers.refId(model.getCluster()) != null) {
            entity.setClusterId(Mappers.refId(model.getCluster()));
        }
        if (Mappers.refId(model.getTemplate()) != null) {
            entity.setTemplateId(Mappers.refId(model.getTemplate()));
        }
        if (model.getMemory() != null) {
            entity.setMemSizeMb(Mappers.bytesToMb(model.getMemory()));
        }
        Integer cpus = Mappers.toNumOfCpus(model.getCpu());
        if (cpus != null) {
            entity.setNumOfCpus(cpus);
        }
        if (model.getOs() != null && model.getOs().getType() != null) {
            entity.setOsType(model.getOs().getType());
        }
        PlacementPolicy placement = model.getPlacementPolicy();
        if (placement != null) {
            if (placement.getAffinity() != null) {
                entity.setMigrationSupport(mapAffinity(placement.getAffinity()));
            }
            if (placement.getHosts() != null) {
                // An empty <hosts/> unpins; a host named only by name is the caller's to resolve first.
                if (placement.getHosts().getHost().isEmpty()) {
                    entity.setDedicatedVmForVds(null);
                } else {
                    UUID first = Mappers.refId(placement.getHosts().getHost().get(0));
                    if (first != null) {
                        entity.setDedicatedVmForVds(first);
                    }
                }
            } else if (Mappers.refId(placement.getHost()) != null) {
                entity.setDedicatedVmForVds(Mappers.refId(placement.getHost())); // v3: a single <host>
            }
        }
        if (model.getHighAvailability() != null && model.getHighAvailability().isEnabled() != null) {
            entity.setAutoStartup(model.getHighAvailability().isEnabled());
        }
        if (model.isTrustedHostFlag() != null) {
            entity.setTrustedHostFlag(model.isTrustedHostFlag());
        }
        return entity;
    }

    static VmStatic copy(VmStatic from) {
        VmStatic to = new VmStatic();
        if (from != null) {
            to.setId(from.getId());
            to.setName(from.getName());
            to.setDescription(from.getDescription());
            to.setClusterId(from.getClusterId());
            to.setTemplateId(from.getTemplateId());
            to.setMemSizeMb(from.getMemSizeMb());
            to.setNumOfCpus(from.getNumOfCpus());
            to.setOsType(from.getOsType());
            to.setDedicatedVmForVds(from.getDedicatedVmForVds());
            to.setMigrationSupport(from.getMigrationSupport());
            to.setAutoStartup(from.isAutoStartup());
            to.setTrustedHostFlag(from.isTrustedHostFlag());
            to.setCreationDate(from.getCreationDate());
        }
        return to;
    }
}
