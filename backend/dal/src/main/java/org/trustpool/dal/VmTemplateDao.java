package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.VmTemplate;

/** Templates (table vm_static, entity_type TEMPLATE; read through vm_templates_view). */
public class VmTemplateDao {
    private final StoredProcedureCaller caller;

    public VmTemplateDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    /** A null creationDate is stored as now. */
    public void save(VmTemplate template) {
        caller.executeModification("InsertVmTemplate", template.getId(), template.getName(),
                template.getDescription(), template.getClusterId(), template.getMemSizeMb(),
                template.getNumOfCpus(), template.getOsType(), template.getCreationDate(), template.isTrustedHostFlag());
    }

    /** Changes everything but the creation date. */
    public void update(VmTemplate template) {
        caller.executeModification("UpdateVmTemplate", template.getId(), template.getName(),
                template.getDescription(), template.getClusterId(), template.getMemSizeMb(),
                template.getNumOfCpus(), template.getOsType(), template.isTrustedHostFlag());
    }

    /** Refused for Blank, and (foreign key) for a template that VMs were made from. */
    public void remove(UUID id) {
        caller.executeModification("DeleteVmTemplates", id);
    }

    public VmTemplate get(UUID id) {
        return caller.executeRead("GetVmTemplateByVmtGuid", VmTemplateDao::map, id);
    }

    public VmTemplate getByName(String name) {
        return caller.executeRead("GetVmTemplateByName", VmTemplateDao::map, name);
    }

    public List<VmTemplate> getAll() {
        return caller.executeReadList("GetAllFromVmTemplates", VmTemplateDao::map);
    }

    /** Templates of the cluster; Blank, which belongs to no cluster, is not among them. */
    public List<VmTemplate> getAllForCluster(UUID clusterId) {
        return caller.executeReadList("GetVmTemplatesByVdsGroupId", VmTemplateDao::map, clusterId);
    }

    static VmTemplate map(ResultSet rs) throws SQLException {
        VmTemplate t = new VmTemplate();
        t.setId(StoredProcedureCaller.getUuid(rs, "vmt_guid"));
        t.setName(rs.getString("name"));
        t.setDescription(rs.getString("description"));
        t.setClusterId(StoredProcedureCaller.getUuid(rs, "vds_group_id"));
        t.setMemSizeMb(rs.getInt("mem_size_mb"));
        t.setNumOfCpus(rs.getInt("num_of_cpus"));
        t.setOsType(rs.getString("os_type"));
        t.setCreationDate(StoredProcedureCaller.getInstant(rs, "creation_date"));
        t.setClusterName(rs.getString("vds_group_name"));
        t.setTrustedHostFlag(rs.getBoolean("trusted_host_flag"));
        return t;
    }
}
