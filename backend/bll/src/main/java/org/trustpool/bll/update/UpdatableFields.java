package org.trustpool.bll.update;

import java.util.List;
import java.util.UUID;

import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.MigrationSupport;
import org.trustpool.common.businessentities.VmStatic;

/**
 * The fields of a VM and of a cluster that an update may name. The id, a VM's template and creation
 * date and the row version are not among them: they are not the client's to change.
 */
public final class UpdatableFields {
    private static final UUID ID_A = new UUID(0, 1);
    private static final UUID ID_B = new UUID(0, 2);

    public static final List<EntityField<VmStatic>> VM = List.of(
            EntityField.of("name", VmStatic::getName, VmStatic::setName, "a", "b"),
            EntityField.of("description", VmStatic::getDescription, VmStatic::setDescription, "a", "b"),
            EntityField.of("cluster", VmStatic::getClusterId, VmStatic::setClusterId, ID_A, ID_B),
            EntityField.of("memory", VmStatic::getMemSizeMb, VmStatic::setMemSizeMb, 1, 2),
            EntityField.of("cpus", VmStatic::getNumOfCpus, VmStatic::setNumOfCpus, 1, 2),
            EntityField.of("os", VmStatic::getOsType, VmStatic::setOsType, "a", "b"),
            EntityField.of("pinned_host", VmStatic::getDedicatedVmForVds, VmStatic::setDedicatedVmForVds, ID_A, ID_B),
            EntityField.of("migration", VmStatic::getMigrationSupport, VmStatic::setMigrationSupport,
                    MigrationSupport.MIGRATABLE, MigrationSupport.PINNED_TO_HOST),
            EntityField.of("high_availability", VmStatic::isAutoStartup, VmStatic::setAutoStartup, false, true),
            EntityField.of("trusted_host_flag", VmStatic::isTrustedHostFlag, VmStatic::setTrustedHostFlag, false, true));

    public static final List<EntityField<Cluster>> CLUSTER = List.of(
            EntityField.of("name", Cluster::getName, Cluster::setName, "a", "b"),
            EntityField.of("description", Cluster::getDescription, Cluster::setDescription, "a", "b"),
            EntityField.of("data_center", Cluster::getStoragePoolId, Cluster::setStoragePoolId, ID_A, ID_B),
            EntityField.of("cpu", Cluster::getCpuName, Cluster::setCpuName, "a", "b"),
            EntityField.of("version", Cluster::getCompatibilityVersion, Cluster::setCompatibilityVersion, "1.0", "2.0"),
            EntityField.of("trusted_service", Cluster::isTrustedService, Cluster::setTrustedService, false, true));

    private UpdatableFields() {
    }

    public static VmStatic copy(VmStatic from) {
        VmStatic to = new VmStatic();
        to.setId(from.getId());
        to.setTemplateId(from.getTemplateId());
        to.setCreationDate(from.getCreationDate());
        to.setVersion(from.getVersion());
        for (EntityField<VmStatic> field : VM) {
            field.set(to, field.get(from));
        }
        return to;
    }

    public static Cluster copy(Cluster from) {
        Cluster to = new Cluster();
        to.setId(from.getId());
        to.setStoragePoolName(from.getStoragePoolName());
        to.setVersion(from.getVersion());
        for (EntityField<Cluster> field : CLUSTER) {
            field.set(to, field.get(from));
        }
        return to;
    }
}
