package org.trustpool.bll.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.common.utils.MessageBundle;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;

/** A refusal names the trust cause first, per host, in words short enough to read. */
class PlacementRefusalTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String DIGEST_EXPECTED = "3f2a9c1d" + "0".repeat(52) + "91c0";
    private static final String DIGEST_SEEN = "8b1e44a0" + "f".repeat(52) + "02aa";

    private final VdsDao vdsDao = mock(VdsDao.class);
    private final ClusterDao clusterDao = mock(ClusterDao.class);
    private final AttestationBroker broker = mock(AttestationBroker.class);

    {
        // a placement reads the verdicts as of its start through trustNow(); here each comes from currentTrust's stub
        when(broker.trustNow()).thenReturn(broker::currentTrust);
    }
    private final SchedulingManager scheduler = new SchedulingManager(vdsDao, clusterDao, new TrustedHostFilter(broker));
    private final Cluster trusted = cluster("Trusted", true);
    private final Cluster plain = cluster("Default", false);

    @Test
    void noTrustedHostLeadsWithTrustThenTheClustersOtherHostsThenACountOfTheRest() {
        Vds untrusted = host("host-04", trusted, VDSStatus.NonOperational, TrustLevel.UNTRUSTED,
                "PCR 19 does not match VMM 'TrustpoolVMM' 1.0 (MLE 3): expected " + DIGEST_EXPECTED + ", seen " + DIGEST_SEEN);
        Vds maintenance = host("host-03", trusted, VDSStatus.Maintenance, TrustLevel.TRUSTED, null);
        Vds elsewhere1 = host("host-01", plain, VDSStatus.Up, TrustLevel.UNKNOWN, null);
        Vds elsewhere2 = host("host-02", plain, VDSStatus.Up, TrustLevel.UNKNOWN, null);
        // the order the database gives them in is not the order of the words
        when(vdsDao.getAll()).thenReturn(List.of(elsewhere1, maintenance, elsewhere2, untrusted));
        SchedulingRequest request = SchedulingRequest.run(vm(trusted, false), null).withCluster(trusted);

        SchedulingResult result = scheduler.schedule(request);
        ValidationResult refusal = PlacementRefusal.of(request, result);

        assertTrue(result.host().isEmpty());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_NO_TRUSTED_HOST_AVAILABLE, refusal.getMessage());
        assertEquals("Cannot run VM. No trusted host is available in cluster Trusted: host host-04 is untrusted (PCR 19 does not match VMM"
                + " 'TrustpoolVMM' 1.0 (MLE 3): expected 3f2a9c1d…91c0, seen 8b1e44a0…02aa) and NonOperational;"
                + " host host-03 is in Maintenance, not Up; 2 host(s) of other clusters were not considered.", text(refusal));
        // the full verdict is not thrown away: the drop reason carries it for whoever needs it
        ValidationResult trustDrop = result.rejections().stream().filter(r -> r.host() == untrusted).findFirst().orElseThrow()
                .reasons().stream().filter(r -> r.getMessage() == EngineMessage.SCHEDULING_HOST_NOT_TRUSTED).findFirst().orElseThrow();
        assertTrue(trustDrop.getVariables().get("TrustReason").contains(DIGEST_EXPECTED));
        assertEquals("UNTRUSTED", trustDrop.getVariables().get("TrustLevel"));
    }

    @Test
    void aRunOnTrustedHostVmInAPlainClusterNamesThatCluster() {
        Vds bad = host("bad", plain, VDSStatus.Up, TrustLevel.TIMEOUT, "no answer within 5 s");
        when(vdsDao.getAll()).thenReturn(List.of(bad));
        SchedulingRequest request = SchedulingRequest.run(vm(plain, true), null).withCluster(plain);
        assertEquals("Cannot run VM. No trusted host is available in cluster Default: host bad is not attested in time (no answer within 5 s).",
                text(PlacementRefusal.of(request, scheduler.schedule(request))));
    }

    @Test
    void whenTrustIsNotWhatStoppedItTheRefusalDoesNotBlameTrust() {
        Vds full = host("full", trusted, VDSStatus.Up, TrustLevel.TRUSTED, null);
        full.setMemCommittedMb(full.getDynamicData().getPhysicalMemMb());
        when(vdsDao.getAll()).thenReturn(List.of(full));
        SchedulingRequest request = SchedulingRequest.run(vm(trusted, false), null).withCluster(trusted);
        ValidationResult refusal = PlacementRefusal.of(request, scheduler.schedule(request));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_NO_HOST_AVAILABLE, refusal.getMessage());
        assertEquals("Cannot run VM. No host can take the VM: host full has 0 MB free, the VM needs 1024 MB.", text(refusal));
    }

    @Test
    void aVmThatNeedsNoTrustHearsNothingAboutTrust() {
        Vds down = host("maint", plain, VDSStatus.Maintenance, TrustLevel.UNTRUSTED, "PCR 0 differs");
        when(vdsDao.getAll()).thenReturn(List.of(down));
        SchedulingRequest request = SchedulingRequest.run(vm(plain, false), null).withCluster(plain);
        String text = text(PlacementRefusal.of(request, scheduler.schedule(request)));
        assertEquals("Cannot run VM. No host can take the VM: host maint is in Maintenance, not Up.", text);
        assertFalse(text.contains("trust"), text);
    }

    @Test
    void aRequestedUntrustedHostIsNamedAndTheOthersCounted() {
        Vds bad = host("bad", trusted, VDSStatus.Up, TrustLevel.UNTRUSTED, "PCR 18 differs");
        Vds good = host("good", trusted, VDSStatus.Up, TrustLevel.TRUSTED, null);
        when(vdsDao.getAll()).thenReturn(List.of(good, bad));
        SchedulingRequest request = SchedulingRequest.run(vm(trusted, false), bad.getId()).withCluster(trusted);
        assertEquals("Cannot run VM. No trusted host is available in cluster Trusted: host bad is untrusted (PCR 18 differs);"
                + " 1 other host(s) were not the one requested.", text(PlacementRefusal.of(request, scheduler.schedule(request))));
    }

    @Test
    void movingTrustedVmsOffAnUntrustedHostDoesNotBlameThatHost() {
        Vds source = host("tampered", trusted, VDSStatus.NonOperational, TrustLevel.UNTRUSTED, "PCR 19 differs");
        Vds full = host("full", trusted, VDSStatus.Up, TrustLevel.TRUSTED, null);
        full.setMemCommittedMb(full.getDynamicData().getPhysicalMemMb());
        when(vdsDao.getAll()).thenReturn(List.of(source, full));
        Vm running = vm(trusted, true);
        running.getDynamicData().setRunOnVds(source.getId());
        SchedulingRequest request = SchedulingRequest.migrate(running, null).withCluster(trusted);
        ValidationResult refusal = PlacementRefusal.of(request, scheduler.schedule(request));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_NO_HOST_AVAILABLE, refusal.getMessage(), text(refusal));
        String text = text(refusal);
        assertTrue(text.contains("host tampered is where the VM runs now"), text);
        assertTrue(text.contains("host full has 0 MB free"), text);
        assertFalse(text.contains("untrusted"), text);
    }

    private static String text(ValidationResult refusal) {
        Map<String, String> vars = new HashMap<>(refusal.getVariables());
        vars.put("action", "run");
        vars.put("type", "VM");
        return MessageBundle.engineMessages().format(refusal.getMessage().name(), vars);
    }

    private Cluster cluster(String name, boolean trustedService) {
        Cluster c = new Cluster();
        c.setId(UUID.randomUUID());
        c.setName(name);
        c.setTrustedService(trustedService);
        when(clusterDao.get(c.getId())).thenReturn(c);
        return c;
    }

    private Vds host(String name, Cluster cluster, VDSStatus status, TrustLevel level, String reason) {
        Vds h = new Vds();
        h.getStaticData().setId(UUID.randomUUID());
        h.getStaticData().setName(name);
        h.getStaticData().setClusterId(cluster.getId());
        h.getDynamicData().setId(h.getId());
        h.getDynamicData().setStatus(status);
        h.getDynamicData().setPhysicalMemMb(8192);
        when(broker.currentTrust(h.getId())).thenReturn(new HostTrust(h.getId(), level, NOW, reason, NOW));
        return h;
    }

    private static Vm vm(Cluster cluster, boolean trustedHostFlag) {
        Vm vm = new Vm();
        vm.getStaticData().setId(UUID.randomUUID());
        vm.getStaticData().setName("secret");
        vm.getStaticData().setClusterId(cluster.getId());
        vm.getStaticData().setMemSizeMb(1024);
        vm.getStaticData().setTrustedHostFlag(trustedHostFlag);
        return vm;
    }
}
