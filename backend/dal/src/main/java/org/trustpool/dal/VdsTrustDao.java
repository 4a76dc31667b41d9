package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;

/** The last attestation verdict per host (table vds_trust). */
public class VdsTrustDao {
    private final StoredProcedureCaller caller;

    public VdsTrustDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    public void save(HostTrust trust) {
        caller.executeModification("UpsertVdsTrust", row(trust));
    }

    /** Every verdict of one answer in one round trip (a refresh of 1,000 hosts would otherwise make 1,000). */
    public void saveAll(Collection<HostTrust> verdicts) {
        caller.executeModificationBatch("UpsertVdsTrust", verdicts.stream().map(VdsTrustDao::row).toList());
    }

    private static Object[] row(HostTrust trust) {
        return new Object[] {trust.vdsId(), trust.level().name(), trust.verifiedAt(), trust.reason(), trust.checkedAt(),
                trust.ekFingerprint()};
    }

    /** Forgets the host's last verdict (it was about a machine the host no longer is). */
    public void remove(UUID vdsId) {
        caller.executeModification("DeleteVdsTrust", vdsId);
    }

    public HostTrust get(UUID vdsId) {
        return caller.executeRead("GetVdsTrustByVdsId", VdsTrustDao::map, vdsId);
    }

    public List<HostTrust> getAll() {
        return caller.executeReadList("GetAllFromVdsTrust", VdsTrustDao::map);
    }

    static HostTrust map(ResultSet rs) throws SQLException {
        return new HostTrust(StoredProcedureCaller.getUuid(rs, "vds_id"), TrustLevel.valueOf(rs.getString("trust_level")),
                StoredProcedureCaller.getInstant(rs, "verified_at"), rs.getString("reason"),
                StoredProcedureCaller.getInstant(rs, "checked_at"), rs.getString("ek_fingerprint"));
    }
}
