package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VdsDynamic;

/** Hosts, monitored part (table vds_dynamic). Status and reason are stored as the enums' int values. */
public class VdsDynamicDao {
    private final StoredProcedureCaller caller;

    public VdsDynamicDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    public void save(VdsDynamic vds) {
        caller.executeModification("InsertVdsDynamic", params(vds));
    }

    public void update(VdsDynamic vds) {
        caller.executeModification("UpdateVdsDynamic", params(vds));
    }

    /** Monitoring's figures (capacity, load, last answer) without touching the status. */
    public void updateRuntimeInfo(VdsDynamic d) {
        caller.executeModification("UpdateVdsDynamicRuntimeInfo", d.getId(), d.getCpuCores(), d.getPhysicalMemMb(),
                d.getMemFreeMb(), d.getVmCount(), d.getCpuUsagePercent(), d.getLastResponse());
    }

    /** Sets the status only if it still is {@code expected}; false when someone changed it meanwhile. */
    public boolean compareAndSetStatus(UUID id, VDSStatus expected, VDSStatus status) {
        return Boolean.TRUE.equals(caller.executeFunction("UpdateVdsDynamicStatusIfUnchanged", Boolean.class, id,
                expected.getValue(), status.getValue()));
    }

    /** Changes the status only, leaving statistics and the non-operational reason as they are. */
    public void updateStatus(UUID id, VDSStatus status) {
        caller.executeModification("UpdateVdsDynamicStatus", id, status.getValue());
    }

    /**
     * Status and reason, only if the status still is {@code expected} and the write changes something; false
     * otherwise (someone changed the host meanwhile, or already made exactly this change: another engine node
     * that saw the same thing). The caller acts on the change (evacuates, audits) only when this answers true.
     */
    public boolean compareAndSetStatusAndReasons(UUID id, VDSStatus expected, VDSStatus status, NonOperationalReason reason) {
        return Boolean.TRUE.equals(caller.executeFunction("UpdateVdsDynamicStatusAndReasonsIfUnchanged", Boolean.class, id,
                expected.getValue(), status.getValue(), (reason == null ? NonOperationalReason.NONE : reason).getValue()));
    }

    public VdsDynamic get(UUID id) {
        return caller.executeRead("GetVdsDynamicByVdsId", VdsDynamicDao::map, id);
    }

    public void remove(UUID id) {
        caller.executeModification("DeleteVdsDynamic", id);
    }

    private static Object[] params(VdsDynamic v) {
        NonOperationalReason reason = v.getNonOperationalReason() == null
                ? NonOperationalReason.NONE : v.getNonOperationalReason();
        return new Object[] {v.getId(), v.getStatus().getValue(), reason.getValue(), v.getCpuCores(),
                v.getPhysicalMemMb(), v.getMemFreeMb(), v.getVmCount(), v.getCpuUsagePercent(), v.getLastResponse()};
    }

    /** Reads the vds_dynamic columns; also used for rows of the view vds. */
    static VdsDynamic map(ResultSet rs) throws SQLException {
        VdsDynamic vds = new VdsDynamic();
        vds.setId(StoredProcedureCaller.getUuid(rs, "vds_id"));
        vds.setStatus(VDSStatus.forValue(rs.getInt("status")));
        vds.setNonOperationalReason(NonOperationalReason.forValue(rs.getInt("non_operational_reason")));
        vds.setCpuCores(rs.getInt("cpu_cores"));
        vds.setPhysicalMemMb(rs.getLong("physical_mem_mb"));
        vds.setMemFreeMb(rs.getLong("mem_free_mb"));
        vds.setVmCount(rs.getInt("vm_count"));
        vds.setCpuUsagePercent(rs.getDouble("cpu_usage_percent"));
        vds.setLastResponse(StoredProcedureCaller.getInstant(rs, "last_response"));
        return vds;
    }
}
