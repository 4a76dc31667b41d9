package org.trustpool.restapi.types;

import org.trustpool.api.model.DataCenter;
import org.trustpool.common.businessentities.StoragePool;

/**
 * StoragePool entity <-> {@code <data_center>}. status is not mapped: the StoragePool entity has no
 * status.
 */
public final class DataCenterMapper {

    private DataCenterMapper() {
    }

    public static DataCenter map(StoragePool entity) {
        DataCenter model = new DataCenter();
        Mappers.identify(model, Hrefs.DATA_CENTERS, entity.getId());
        model.setName(entity.getName());
        model.setDescription(entity.getDescription());
        model.setVersion(Mappers.toModelVersion(entity.getCompatibilityVersion()));
        return model;
    }

    /** Applies what the document names onto a copy of {@code existing} (a new entity when null). */
    public static StoragePool map(DataCenter model, StoragePool existing) {
        StoragePool entity = copy(existing);
        if (model.getId() != null) {
            entity.setId(Mappers.uuid(model.getId()));
        }
        if (model.getName() != null) {
            entity.setName(model.getName());
        }
        if (model.getDescription() != null) {
            entity.setDescription(model.getDescription());
        }
        if (model.getVersion() != null) {
            entity.setCompatibilityVersion(Mappers.toEntityVersion(model.getVersion(), entity.getCompatibilityVersion()));
        }
        return entity;
    }

    static StoragePool copy(StoragePool from) {
        StoragePool to = new StoragePool();
        if (from != null) {
            to.setId(from.getId());
            to.setName(from.getName());
            to.setDescription(from.getDescription());
            to.setCompatibilityVersion(from.getCompatibilityVersion());
        }
        return to;
    }
}
