package org.trustpool.restapi.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Trust;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmTemplate;

/** trusted_service, trusted_host_flag and the host's <trust> survive the trip through the API types. */
class TrustFlagsMapperTest {

    @Test
    void clusterTrustedServiceRoundTripsAndIsKeptWhenAbsent() {
        Cluster c = new Cluster();
        c.setId(UUID.randomUUID());
        c.setName("secure");
        c.setCompatibilityVersion("4.7");
        c.setTrustedService(true);
        assertTrue(ClusterMapper.map(c).isTrustedService());
        assertTrue(ClusterMapper.map(ClusterMapper.map(c), null).isTrustedService());
        assertTrue(ClusterMapper.map(new org.trustpool.api.model.Cluster(), c).isTrustedService(), "absent: unchanged");
    }

    @Test
    void vmAndTemplateFlagsRoundTrip() {
        Vm vm = new Vm();
        vm.getStaticData().setId(UUID.randomUUID());
        vm.getStaticData().setName("secret");
        vm.getStaticData().setTrustedHostFlag(true);
        org.trustpool.api.model.Vm model = VmMapper.map(vm);
        assertTrue(model.isTrustedHostFlag());
        assertTrue(VmMapper.map(model, null).isTrustedHostFlag());
        org.trustpool.api.model.Vm off = new org.trustpool.api.model.Vm();
        off.setTrustedHostFlag(false);
        assertFalse(VmMapper.map(off, vm.getStaticData()).isTrustedHostFlag());
        VmTemplate t = new VmTemplate();
        t.setId(UUID.randomUUID());
        t.setTrustedHostFlag(true);
        assertTrue(TemplateMapper.map(TemplateMapper.map(t), null).isTrustedHostFlag());
    }

    @Test
    void trustVerdictKeepsLevelTimesAndReason() {
        Instant verified = Instant.parse("2026-11-28T10:00:00Z");
        Trust trust = TrustMapper.map(new HostTrust(UUID.randomUUID(), TrustLevel.TIMEOUT, verified, "no answer", verified.plusSeconds(5)));
        assertEquals("timeout", trust.getLevel());
        assertEquals("no answer", trust.getReason());
        assertEquals(verified, Mappers.toInstant(trust.getVerifiedAt()));
        assertNull(trust.getEkFingerprint(), "the service did not say which TPM");
        assertNull(TrustMapper.map(null));
        String ek = "0123456789abcdef".repeat(4);
        assertEquals(ek, TrustMapper.map(new HostTrust(UUID.randomUUID(), TrustLevel.UNKNOWN, verified,
                "waiting for approval", verified, ek)).getEkFingerprint());
    }
}
