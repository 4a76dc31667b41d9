package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.MigrationSupport;
import org.trustpool.common.businessentities.VmStatic;

/**
 * VMs, configured part (table vm_static, entity_type VM). Every procedure used here ignores
 * templates, which share the table; use VmTemplateDao for those.
 */
public class VmStaticDao {
    private final StoredProcedureCaller caller;

    public VmStaticDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    /** A null templateId is stored as Blank; a null creationDate as now. */
    public void save(VmStatic vm) {
        caller.executeModification("InsertVmStatic", vm.getId(), vm.getName(), vm.getDescription(), vm.getClusterId(),
                vm.getTemplateId(), vm.getMemSizeMb(), vm.getNumOfCpus(), vm.getOsType(), vm.getDedicatedVmForVds(),
                migrationSupport(vm), vm.isAutoStartup(), vm.getCreationDate(), vm.isTrustedHostFlag());
    }

    /**
     * Changes everything but the creation date, if the row is still at vm.getVersion() (compare-and-set);
     * returns false, changing nothing, when it was changed meanwhile. On success the row's version is one
     * more, and so is vm's.
     */
    public boolean update(VmStatic vm) {
        boolean changed = Boolean.TRUE.equals(caller.executeFunction("UpdateVmStatic", Boolean.class, vm.getId(), vm.getName(),
                vm.getDescription(), vm.getClusterId(), vm.getTemplateId(), vm.getMemSizeMb(), vm.getNumOfCpus(), vm.getOsType(),
                vm.getDedicatedVmForVds(), migrationSupport(vm), vm.isAutoStartup(), vm.isTrustedHostFlag(), vm.getVersion()));
        if (changed) {
            vm.setVersion(vm.getVersion() + 1);
        }
        return changed;
    }

    /** Also removes the VM's dynamic row. */
    public void remove(UUID id) {
        caller.executeModification("DeleteVmStatic", id);
    }

    public VmStatic get(UUID id) {
        return caller.executeRead("GetVmStaticByVmGuid", VmStaticDao::map, id);
    }

    /** The VM of that name; a template of the same name is not returned. */
    public VmStatic getByName(String name) {
        return caller.executeRead("GetVmStaticByName", VmStaticDao::map, name);
    }

    public List<VmStatic> getAllByTemplateId(UUID templateId) {
        return caller.executeReadList("GetVmStaticByVmtGuid", VmStaticDao::map, templateId);
    }

    public List<VmStatic> getAllByCluster(UUID clusterId) {
        return caller.executeReadList("GetVmStaticByVdsGroupId", VmStaticDao::map, clusterId);
    }

    private static int migrationSupport(VmStatic vm) {
        return (vm.getMigrationSupport() == null ? MigrationSupport.MIGRATABLE : vm.getMigrationSupport()).getValue();
    }

    /** Reads the vm_static columns; also used for rows of the view vms. */
    static VmStatic map(ResultSet rs) throws SQLException {
        VmStatic vm = new VmStatic();
        vm.setId(StoredProcedureCaller.getUuid(rs, "vm_guid"));
        vm.setName(rs.getString("vm_name"));
        vm.setDescription(rs.getString("description"));
        vm.setClusterId(StoredProcedureCaller.getUuid(rs, "vds_group_id"));
        vm.setTemplateId(StoredProcedureCaller.getUuid(rs, "vmt_guid"));
        vm.setMemSizeMb(rs.getInt("mem_size_mb"));
        vm.setNumOfCpus(rs.getInt("num_of_cpus"));
        vm.setOsType(rs.getString("os_type"));
        vm.setDedicatedVmForVds(StoredProcedureCaller.getUuid(rs, "dedicated_vm_for_vds"));
        vm.setMigrationSupport(MigrationSupport.forValue(rs.getInt("migration_support")));
        vm.setAutoStartup(rs.getBoolean("auto_startup"));
        vm.setTrustedHostFlag(rs.getBoolean("trusted_host_flag"));
        vm.setCreationDate(StoredProcedureCaller.getInstant(rs, "creation_date"));
        vm.setVersion(rs.getLong("version"));
        return vm;
    }
}
