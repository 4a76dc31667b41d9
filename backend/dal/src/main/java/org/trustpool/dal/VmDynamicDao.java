package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VmDynamic;

/** VMs, run-time part (table vm_dynamic). Status is stored as VMStatus's int value. */
public class VmDynamicDao {
    private final StoredProcedureCaller caller;

    public VmDynamicDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    public void save(VmDynamic vm) {
        caller.executeModification("InsertVmDynamic", params(vm));
    }

    public void update(VmDynamic vm) {
        caller.executeModification("UpdateVmDynamic", params(vm));
    }

    public VmDynamic get(UUID id) {
        return caller.executeRead("GetVmDynamicByVmGuid", VmDynamicDao::map, id);
    }

    public void remove(UUID id) {
        caller.executeModification("DeleteVmDynamic", id);
    }

    private static Object[] params(VmDynamic v) {
        return new Object[] {v.getId(), v.getStatus().getValue(), v.getRunOnVds(), v.getMigratingToVds(),
                v.getLastStartTime(), v.getLastStopTime(), v.getExitMessage()};
    }

    /** Reads the vm_dynamic columns; also used for rows of the view vms. */
    static VmDynamic map(ResultSet rs) throws SQLException {
        VmDynamic vm = new VmDynamic();
        vm.setId(StoredProcedureCaller.getUuid(rs, "vm_guid"));
        vm.setStatus(VMStatus.forValue(rs.getInt("status")));
        vm.setRunOnVds(StoredProcedureCaller.getUuid(rs, "run_on_vds"));
        vm.setMigratingToVds(StoredProcedureCaller.getUuid(rs, "migrating_to_vds"));
        vm.setLastStartTime(StoredProcedureCaller.getInstant(rs, "last_start_time"));
        vm.setLastStopTime(StoredProcedureCaller.getInstant(rs, "last_stop_time"));
        vm.setExitMessage(rs.getString("exit_message"));
        return vm;
    }
}
