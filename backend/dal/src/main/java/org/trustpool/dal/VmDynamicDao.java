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

    /** What a reservation of a host's capacity came to (ReserveVdsForVm's codes). */
    public enum Reservation {
        RESERVED, HOST_NOT_UP, NO_ROOM, VM_CHANGED;

        static Reservation of(Integer code) {
            return code == null || code < 0 || code >= values().length ? VM_CHANGED : values()[code];
        }
    }

    /**
     * A start's reservation, decided in the database: if the host is Up and its memory still holds the
     * VM, and the VM is still Down, the VM becomes WaitForLaunch on that host (which counts its memory
     * there); otherwise nothing changes and the reason comes back.
     */
    public Reservation reserveForRun(UUID vmId, UUID vdsId, java.time.Instant now) {
        return Reservation.of(caller.executeFunction("ReserveVdsForVm", Integer.class, vmId, vdsId,
                VMStatus.Down.getValue(), null, VMStatus.WaitForLaunch.getValue(), false, now));
    }

    /** A migration's reservation: the VM, Up on the source, becomes MigratingFrom with its memory counted on the destination too. */
    public Reservation reserveForMigration(UUID vmId, UUID sourceVdsId, UUID destinationVdsId) {
        return Reservation.of(caller.executeFunction("ReserveVdsForVm", Integer.class, vmId, destinationVdsId,
                VMStatus.Up.getValue(), sourceVdsId, VMStatus.MigratingFrom.getValue(), true, null));
    }

    /** Changes the status only if it still is the expected one; returns whether it did. */
    public boolean compareAndSetStatus(UUID vmId, VMStatus expected, VMStatus status) {
        return Boolean.TRUE.equals(caller.executeFunction("UpdateVmDynamicStatusIfUnchanged", Boolean.class, vmId,
                expected.getValue(), status.getValue()));
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
