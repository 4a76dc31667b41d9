package org.trustpool.restapi.types;

import java.util.Objects;
import java.util.UUID;

import org.trustpool.api.model.Cpu;
import org.trustpool.api.model.DataCenter;
import org.trustpool.common.businessentities.Cluster;

/** Cluster entity <-> {@code <cluster>}, including trusted_service (a trusted compute pool). */
public final class ClusterMapper {

    private ClusterMapper() {
    }

    public static org.trustpool.api.model.Cluster map(Cluster entity) {
        org.trustpool.api.model.Cluster model = new org.trustpool.api.model.Cluster();
        Mappers.identify(model, Hrefs.CLUSTERS, entity.getId());
        model.setName(entity.getName());
        model.setDescription(entity.getDescription());
        model.setDataCenter(Mappers.ref(new DataCenter(), Hrefs.DATA_CENTERS, entity.getStoragePoolId()));
        if (entity.getCpuName() != null) {
            Cpu cpu = new Cpu();
            cpu.setType(entity.getCpuName());
            model.setCpu(cpu);
        }
        model.setVersion(Mappers.toModelVersion(entity.getCompatibilityVersion()));
        model.setTrustedService(entity.isTrustedService());
        return model;
    }

    /**
     * Applies what the document names onto a copy of {@code existing} (a new entity when null). A data
     * center given by name only is left to the caller to resolve into an id before mapping.
     */
    public static Cluster map(org.trustpool.api.model.Cluster model, Cluster existing) {
        Cluster entity = copy(existing);
        if (model.getId() != null) {
            entity.setId(Mappers.uuid(model.getId()));
        }
        if (model.getName() != null) {
            entity.setName(model.getName());
        }
        if (model.getDescription() != null) {
            entity.setDescription(model.getDescription());
        }
        if (model.isTrustedService() != null) {
            entity.setTrustedService(model.isTrustedService());
        }
        UUID dataCenterId = Mappers.refId(model.getDataCenter());
        if (dataCenterId != null) {
            if (!dataCenterId.equals(entity.getStoragePoolId())) {
                entity.setStoragePoolName(null); // it named the old data center
            }
            entity.setStoragePoolId(dataCenterId);
        }
        if (model.getCpu() != null) {
            // v4 sends <cpu><type>..</type></cpu>, v3 <cpu id=".."/>.
            String cpuName = Objects.requireNonNullElse(model.getCpu().getType(), model.getCpu().getId());
            if (cpuName != null) {
                entity.setCpuName(cpuName);
            }
        }
        if (model.getVersion() != null) {
            entity.setCompatibilityVersion(Mappers.toEntityVersion(model.getVersion(), entity.getCompatibilityVersion()));
        }
        return entity;
    }

    static Cluster copy(Cluster from) {
        Cluster to = new Cluster();
        if (from != null) {
            to.setId(from.getId());
            to.setName(from.getName());
            to.setDescription(from.getDescription());
            to.setStoragePoolId(from.getStoragePoolId());
            to.setCpuName(from.getCpuName());
            to.setCompatibilityVersion(from.getCompatibilityVersion());
            to.setStoragePoolName(from.getStoragePoolName());
            to.setTrustedService(from.isTrustedService());
        }
        return to;
    }
}
