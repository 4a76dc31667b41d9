package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.Vds;

/** Hosts as the engine reads them (view vds): read-only; write through VdsStaticDao and VdsDynamicDao. */
public class VdsDao {
    private final StoredProcedureCaller caller;

    public VdsDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    public Vds get(UUID id) {
        return caller.executeRead("GetVdsByVdsId", VdsDao::map, id);
    }

    public Vds getByName(String name) {
        return caller.executeRead("GetVdsByName", VdsDao::map, name);
    }

    public List<Vds> getAll() {
        return caller.executeReadList("GetAllFromVds", VdsDao::map);
    }

    public List<Vds> getAllForCluster(UUID clusterId) {
        return caller.executeReadList("GetVdsByVdsGroupId", VdsDao::map, clusterId);
    }

    static Vds map(ResultSet rs) throws SQLException {
        Vds vds = new Vds();
        vds.setStaticData(VdsStaticDao.map(rs));
        vds.setDynamicData(VdsDynamicDao.map(rs));
        vds.setClusterName(rs.getString("vds_group_name"));
        vds.setMemCommittedMb(rs.getLong("mem_committed_mb"));
        return vds;
    }
}
