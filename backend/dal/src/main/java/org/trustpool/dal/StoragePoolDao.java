package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.StoragePool;

/** Data centers (table storage_pool). */
public class StoragePoolDao {
    private final StoredProcedureCaller caller;

    public StoragePoolDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    public StoragePool get(UUID id) {
        return caller.executeRead("GetStoragePoolById", StoragePoolDao::map, id);
    }

    public StoragePool getByName(String name) {
        return caller.executeRead("GetStoragePoolByName", StoragePoolDao::map, name);
    }

    public List<StoragePool> getAll() {
        return caller.executeReadList("GetAllFromStoragePool", StoragePoolDao::map);
    }

    public void save(StoragePool pool) {
        caller.executeModification("InsertStoragePool", pool.getId(), pool.getName(), pool.getDescription(),
                pool.getCompatibilityVersion());
    }

    public void update(StoragePool pool) {
        caller.executeModification("UpdateStoragePool", pool.getId(), pool.getName(), pool.getDescription(),
                pool.getCompatibilityVersion());
    }

    static StoragePool map(ResultSet rs) throws SQLException {
        StoragePool pool = new StoragePool();
        pool.setId(StoredProcedureCaller.getUuid(rs, "id"));
        pool.setName(rs.getString("name"));
        pool.setDescription(rs.getString("description"));
        pool.setCompatibilityVersion(rs.getString("compatibility_version"));
        return pool;
    }
}
