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
     * there), marked in flight on engine node {@code opOwner}; otherwise nothing changes and the reason comes back.
     */
    public Reservation reserveForRun(UUID vmId, UUID vdsId, java.time.Instant now, String opOwner) {
        return Reservation.of(caller.executeFunction("ReserveVdsForVm", Integer.class, vmId, vdsId,
                VMStatus.Down.getValue(), null, VMStatus.WaitForLaunch.getValue(), false, now, opOwner));
    }

    /**
     * A migration's reservation: the VM, Up on the source, becomes MigratingFrom with its memory counted on the
     * destination too, marked in flight on engine node {@code opOwner}.
     */
    public Reservation reserveForMigration(UUID vmId, UUID sourceVdsId, UUID destinationVdsId, String opOwner) {
        return Reservation.of(caller.executeFunction("ReserveVdsForVm", Integer.class, vmId, destinationVdsId,
                VMStatus.Up.getValue(), sourceVdsId, VMStatus.MigratingFrom.getValue(), true, null, opOwner));
    }

    /** Changes the status only if it still is the expected one; returns whether it did. */
    public boolean compareAndSetStatus(UUID vmId, VMStatus expected, VMStatus status) {
        return Boolean.TRUE.equals(caller.executeFunction("UpdateVmDynamicStatusIfUnchanged", Boolean.class, vmId,
                expected.getValue(), status.getValue()));
    }

    /**
     * A command enters a transitional status from the one it validated, marked in flight on engine node
     * {@code opOwner}; false when the VM changed first (here, on another node, or by monitoring).
     */
    public boolean beginOperation(UUID vmId, VMStatus expected, VMStatus status, String opOwner) {
        return Boolean.TRUE.equals(caller.executeFunction("BeginVmOperationIfUnchanged", Boolean.class, vmId,
                expected.getValue(), status.getValue(), opOwner));
    }

    /**
     * Writes {@code next} (and clears the in-flight mark) only if the VM still has the expected status, host
     * and mark (null: none); returns whether it wrote. Two engine nodes recording an outcome for one VM cannot
     * both win: a caller audits only when this answers true.
     */
    public boolean updateIfUnchanged(VmDynamic next, VMStatus expectedStatus, UUID expectedRunOnVds, String expectedOpOwner) {
        return Boolean.TRUE.equals(caller.executeFunction("UpdateVmDynamicIfUnchanged", Boolean.class, next.getId(),
                expectedStatus.getValue(), expectedRunOnVds, expectedOpOwner, next.getStatus().getValue(), next.getRunOnVds(),
                next.getMigratingToVds(), next.getLastStartTime(), next.getLastStopTime(), next.getExitMessage()));
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
        vm.setOpOwner(rs.getString("op_owner"));
        vm.setOpStartedAt(StoredProcedureCaller.getInstant(rs, "op_started_at"));
        return vm;
    }
}
