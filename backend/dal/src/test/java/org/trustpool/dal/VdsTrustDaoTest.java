package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.VdsStatic;

class VdsTrustDaoTest extends DaoTestBase {

    @Test
    void upsertKeepsTheLatestVerdictPerHostWithEveryLevelApart() {
        VdsTrustDao dao = new VdsTrustDao(dataSource);
        VdsStatic host = addHost("trust-host", 4096);
        assertNull(dao.get(host.getId()));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        dao.save(new HostTrust(host.getId(), TrustLevel.TIMEOUT, null, "no answer in 5 s", t));
        assertEquals(TrustLevel.TIMEOUT, dao.get(host.getId()).level());
        dao.save(new HostTrust(host.getId(), TrustLevel.UNTRUSTED, t, "PCR 19 differs", t.plusSeconds(1)));
        HostTrust read = dao.get(host.getId());
        assertEquals(TrustLevel.UNTRUSTED, read.level());
        assertEquals("PCR 19 differs", read.reason());
        assertEquals(t, read.verifiedAt());
        assertEquals(1, dao.getAll().stream().filter(h -> h.vdsId().equals(host.getId())).count());
        assertNull(read.ekFingerprint());
        String ek = "ab".repeat(32);
        dao.save(new HostTrust(host.getId(), TrustLevel.UNKNOWN, t, "waiting for approval", t.plusSeconds(2), ek));
        assertEquals(ek, dao.get(host.getId()).ekFingerprint(), "the TPM behind the verdict is kept with it");
        new VdsStaticDao(dataSource).remove(host.getId());
        assertNull(dao.get(host.getId()));
    }

    @Test
    void saveAllWritesEveryVerdictOfAnAnswerAndUpdatesThoseAlreadyThere() {
        VdsTrustDao dao = new VdsTrustDao(dataSource);
        VdsStatic a = addHost("batch-a", 4096);
        VdsStatic b = addHost("batch-b", 4096);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        dao.save(new HostTrust(a.getId(), TrustLevel.TIMEOUT, null, "no answer", t));
        dao.saveAll(java.util.List.of(
                new HostTrust(a.getId(), TrustLevel.TRUSTED, t, null, t.plusSeconds(1)),
                new HostTrust(b.getId(), TrustLevel.UNTRUSTED, t, "PCR 18 differs", t.plusSeconds(1), "cd".repeat(32))));
        assertEquals(TrustLevel.TRUSTED, dao.get(a.getId()).level(), "the earlier verdict is replaced");
        assertEquals(t.plusSeconds(1), dao.get(a.getId()).checkedAt());
        HostTrust readB = dao.get(b.getId());
        assertEquals(TrustLevel.UNTRUSTED, readB.level());
        assertEquals("PCR 18 differs", readB.reason());
        assertEquals("cd".repeat(32), readB.ekFingerprint());
        dao.saveAll(java.util.List.of()); // nothing to write is no call at all
        assertEquals(TrustLevel.TRUSTED, dao.get(a.getId()).level());
    }

    @Test
    void clusterTrustedServiceIsStoredAndListed() {
        ClusterDao clusters = new ClusterDao(dataSource);
        Cluster trusted = clusters.getByName("Default");
        assertEquals(false, trusted.isTrustedService());
        trusted.setTrustedService(true);
        clusters.update(trusted);
        assertTrue(clusters.get(trusted.getId()).isTrustedService());
        assertTrue(clusters.getAllTrusted().stream().anyMatch(c -> c.getId().equals(trusted.getId())));
    }

    @Test
    void monitoringWritesNeverUndoAStatusChange() {
        VdsDynamicDao dao = new VdsDynamicDao(dataSource);
        VdsStatic host = addHost("cas-host", 4096);
        org.trustpool.common.businessentities.VdsDynamic seen = dao.get(host.getId());
        dao.updateStatus(host.getId(), org.trustpool.common.businessentities.VDSStatus.Maintenance); // a command, meanwhile
        seen.setMemFreeMb(1234);
        dao.updateRuntimeInfo(seen);
        assertEquals(org.trustpool.common.businessentities.VDSStatus.Maintenance, dao.get(host.getId()).getStatus());
        assertEquals(1234, dao.get(host.getId()).getMemFreeMb());
        assertEquals(false, dao.compareAndSetStatus(host.getId(), org.trustpool.common.businessentities.VDSStatus.Up,
                org.trustpool.common.businessentities.VDSStatus.NonResponsive));
        assertTrue(dao.compareAndSetStatus(host.getId(), org.trustpool.common.businessentities.VDSStatus.Maintenance,
                org.trustpool.common.businessentities.VDSStatus.Initializing));
        assertEquals(org.trustpool.common.businessentities.VDSStatus.Initializing, dao.get(host.getId()).getStatus());
    }
}
