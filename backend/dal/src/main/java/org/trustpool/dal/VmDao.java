package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.Vm;

/** VMs as the engine reads them (view vms): read-only; write through VmStaticDao and VmDynamicDao. */
public class VmDao {
    private final StoredProcedureCaller caller;

    public VmDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    public Vm get(UUID id) {
        return caller.executeRead("GetVmByVmGuid", VmDao::map, id);
    }

    public Vm getByName(String name) {
        return caller.executeRead("GetVmByName", VmDao::map, name);
    }

    public List<Vm> getAll() {
        return caller.executeReadList("GetAllFromVms", VmDao::map);
    }

    /** VMs whose run_on_vds is the host; a VM migrating to it is not included. */
    public List<Vm> getAllRunningOnVds(UUID vdsId) {
        return caller.executeReadList("GetVmsRunningOnVds", VmDao::map, vdsId);
    }

    public List<Vm> getAllForCluster(UUID clusterId) {
        return caller.executeReadList("GetVmsByVdsGroupId", VmDao::map, clusterId);
    }

    static Vm map(ResultSet rs) throws SQLException {
        Vm vm = new Vm();
        vm.setStaticData(VmStaticDao.map(rs));
        vm.setDynamicData(VmDynamicDao.map(rs));
        vm.setClusterName(rs.getString("vds_group_name"));
        vm.setRunOnVdsName(rs.getString("run_on_vds_name"));
        vm.setTemplateName(rs.getString("vmt_name"));
        vm.setOpMarkHeld(rs.getBoolean("op_mark_held"));
        return vm;
    }
}
