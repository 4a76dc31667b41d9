package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.Cluster;

/** Clusters (table vds_groups; read through vds_groups_view, which adds the data center's name). */
public class ClusterDao {
    private final StoredProcedureCaller caller;

    public ClusterDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    public void save(Cluster cluster) {
        caller.executeModification("InsertVdsGroups", params(cluster));
    }

    /**
     * Changes the cluster if its row is still at cluster.getVersion() (compare-and-set); false, changing
     * nothing, when it was changed meanwhile. On success the version is one more, here and in the row.
     */
    public boolean update(Cluster cluster) {
        Object[] params = java.util.Arrays.copyOf(params(cluster), 8);
        params[7] = cluster.getVersion();
        boolean changed = Boolean.TRUE.equals(caller.executeFunction("UpdateVdsGroup", Boolean.class, params));
        if (changed) {
            cluster.setVersion(cluster.getVersion() + 1);
        }
        return changed;
    }

    /** Fails with a foreign-key DalException while hosts, VMs or templates belong to the cluster. */
    public void remove(UUID id) {
        caller.executeModification("DeleteVdsGroup", id);
    }

    public Cluster get(UUID id) {
        return caller.executeRead("GetVdsGroupByVdsGroupId", ClusterDao::map, id);
    }

    public Cluster getByName(String name) {
        return caller.executeRead("GetVdsGroupByName", ClusterDao::map, name);
    }

    public List<Cluster> getAll() {
        return caller.executeReadList("GetAllFromVdsGroups", ClusterDao::map);
    }

    /** The trusted compute pools: clusters whose hosts must be attested. */
    public List<Cluster> getAllTrusted() {
        return caller.executeReadList("GetTrustedVdsGroups", ClusterDao::map);
    }

    public List<Cluster> getAllForStoragePool(UUID storagePoolId) {
        return caller.executeReadList("GetVdsGroupsByStoragePoolId", ClusterDao::map, storagePoolId);
    }

    private static Object[] params(Cluster c) {
        return new Object[] {c.getId(), c.getName(), c.getDescription(), c.getStoragePoolId(), c.getCpuName(),
                c.getCompatibilityVersion(), c.isTrustedService()};
    }

    static Cluster map(ResultSet rs) throws SQLException {
        Cluster cluster = new Cluster();
        cluster.setId(StoredProcedureCaller.getUuid(rs, "vds_group_id"));
        cluster.setName(rs.getString("name"));
        cluster.setDescription(rs.getString("description"));
        cluster.setStoragePoolId(StoredProcedureCaller.getUuid(rs, "storage_pool_id"));
        cluster.setCpuName(rs.getString("cpu_name"));
        cluster.setCompatibilityVersion(rs.getString("compatibility_version"));
        cluster.setStoragePoolName(rs.getString("storage_pool_name"));
        cluster.setTrustedService(rs.getBoolean("trusted_service"));
        cluster.setVersion(rs.getLong("version"));
        return cluster;
    }
}
