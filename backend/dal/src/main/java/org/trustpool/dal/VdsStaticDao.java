package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.VdsStatic;

/** Hosts, configured part (table vds_static). */
public class VdsStaticDao {
    private final StoredProcedureCaller caller;

    public VdsStaticDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    public void save(VdsStatic vds) {
        caller.executeModification("InsertVdsStatic", params(vds));
    }

    public void update(VdsStatic vds) {
        caller.executeModification("UpdateVdsStatic", params(vds));
    }

    /** Also removes the host's dynamic row and clears VM pins to it; fails while VMs run on it. */
    public void remove(UUID id) {
        caller.executeModification("DeleteVdsStatic", id);
    }

    public VdsStatic get(UUID id) {
        return caller.executeRead("GetVdsStaticByVdsId", VdsStaticDao::map, id);
    }

    public VdsStatic getByName(String name) {
        return caller.executeRead("GetVdsStaticByVdsName", VdsStaticDao::map, name);
    }

    public VdsStatic getByHostNameAndPort(String hostName, int port) {
        return caller.executeRead("GetVdsStaticByHostNameAndPort", VdsStaticDao::map, hostName, port);
    }

    private static Object[] params(VdsStatic v) {
        return new Object[] {v.getId(), v.getName(), v.getHostName(), v.getPort(), v.getClusterId(), v.getComment()};
    }

    /** Reads the vds_static columns; also used for rows of the view vds. */
    static VdsStatic map(ResultSet rs) throws SQLException {
        VdsStatic vds = new VdsStatic();
        vds.setId(StoredProcedureCaller.getUuid(rs, "vds_id"));
        vds.setName(rs.getString("vds_name"));
        vds.setHostName(rs.getString("host_name"));
        vds.setPort(rs.getInt("port"));
        vds.setClusterId(StoredProcedureCaller.getUuid(rs, "vds_group_id"));
        vds.setComment(rs.getString("comment"));
        return vds;
    }
}
