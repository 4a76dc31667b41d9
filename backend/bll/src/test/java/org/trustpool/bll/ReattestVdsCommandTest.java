package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.EngineMessage;

/** "Re-attest now": a fresh verdict on request, acted on as re-attestation acts, refused where it makes no sense. */
class ReattestVdsCommandTest {
    private final Fixtures f = new Fixtures();
    private final Cluster trusted = f.trustedCluster("secure");

    private List<AuditLog> audit() {
        ArgumentCaptor<AuditLog> entries = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(entries.capture());
        return entries.getAllValues();
    }

    private ActionReturnValue reattest(Vds host) {
        return f.executor.runAction(ActionType.ReattestVds, new IdParameters(host.getId()));
    }

    @Test
    void aFreshVerdictIsAskedForCachedAndReturnedAndAnUntrustedUpHostIsTakenOut() {
        Vds host = f.host("h1", trusted, VDSStatus.Up, 8192, 0);
        f.attestation.put("h1", TrustLevel.TRUSTED);
        assertTrue(reattest(host).getSucceeded());
        int asked = f.pollRequests.get();
        f.clock.advance(java.time.Duration.ofSeconds(5));
        f.attestation.put("h1", TrustLevel.UNTRUSTED);
        ActionReturnValue rv = reattest(host);
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        assertEquals(asked + 1, f.pollRequests.get(), "a cached verdict is not enough: the service is asked again");
        HostTrust verdict = rv.getActionReturnValue();
        assertEquals(TrustLevel.UNTRUSTED, verdict.level());
        assertEquals(TrustLevel.UNTRUSTED, f.broker.currentTrust(host.getId()).level(), "the cache follows the new verdict");
        verify(f.vdsDynamicDao).compareAndSetStatusAndReasons(eq(host.getId()), any(), eq(VDSStatus.NonOperational), eq(NonOperationalReason.UNTRUSTED));
        AuditLog entry = audit().stream().filter(e -> e.getLogType().equals("USER_REATTEST_VDS")).reduce((a, b) -> b).orElseThrow();
        assertTrue(entry.getMessage().contains("UNTRUSTED") && entry.getMessage().contains("PCR 19 differs"), entry.getMessage());
    }

    @Test
    void aTrustedVerdictBringsBackAHostTakenOutForBeingUntrusted() {
        Vds host = f.host("h2", trusted, VDSStatus.NonOperational, 8192, 0);
        host.getDynamicData().setNonOperationalReason(NonOperationalReason.UNTRUSTED);
        f.attestation.put("h2", TrustLevel.TRUSTED);
        assertTrue(reattest(host).getSucceeded());
        verify(f.vdsManagers).activate(host.getId(), VDSStatus.NonOperational);
        assertTrue(audit().stream().anyMatch(e -> e.getLogType().equals("VDS_TRUST_RESTORED")));
    }

    @Test
    void anOutageIsReportedAsUnknownAndChangesNoStatus() {
        Vds host = f.host("h3", trusted, VDSStatus.Up, 8192, 0);
        f.attestationDown = true;
        ActionReturnValue rv = reattest(host);
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        assertEquals(TrustLevel.UNKNOWN, ((HostTrust) rv.getActionReturnValue()).level());
        verify(f.vdsDynamicDao, never()).compareAndSetStatusAndReasons(any(), any(), eq(VDSStatus.NonOperational), any());
    }

    @Test
    void anAnswerWithoutADateTakesAnUpHostOutToo() {
        Vds host = f.host("h4", trusted, VDSStatus.Up, 8192, 0);
        f.attestation.put("h4", TrustLevel.TRUSTED);
        assertTrue(reattest(host).getSucceeded());
        // the service answered, but its entry fails the signature check: UNKNOWN, undated, and acted on at once
        f.clock.advance(java.time.Duration.ofSeconds(5));
        f.unsignedAnswers.add("h4");
        ActionReturnValue rv = reattest(host);
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        assertEquals(TrustLevel.UNKNOWN, ((HostTrust) rv.getActionReturnValue()).level());
        verify(f.vdsDynamicDao).compareAndSetStatusAndReasons(eq(host.getId()), any(), eq(VDSStatus.NonOperational), eq(NonOperationalReason.UNTRUSTED));
    }

    @Test
    void aHostOfAPlainClusterIsRefusedWithoutAskingTheService() {
        Cluster plain = f.cluster("plain");
        Vds host = f.host("p1", plain, VDSStatus.Up, 8192, 0);
        ActionReturnValue rv = reattest(host);
        assertFalse(rv.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_NOT_IN_TRUSTED_CLUSTER, rv.getValidationMessages().get(0).getMessage());
        assertEquals("Cannot re-attest Host. Host p1 is in cluster plain, whose Trusted Service is off: only hosts of trusted"
                + " clusters are attested on request.", rv.getMessageTexts().get(0));
        assertEquals(0, f.pollRequests.get());
    }

    @Test
    void aHostThatDoesNotAnswerIsRefusedWithItsStatus() {
        Vds host = f.host("n1", trusted, VDSStatus.NonResponsive, 8192, 0);
        ActionReturnValue rv = reattest(host);
        assertFalse(rv.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_STATUS_ILLEGAL, rv.getValidationMessages().get(0).getMessage());
        assertTrue(rv.getMessageTexts().get(0).contains("NonResponsive"), rv.getMessageTexts().toString());
        assertEquals(0, f.pollRequests.get());
    }

    @Test
    void anUnknownHostIsNotFound() {
        ActionReturnValue rv = f.executor.runAction(ActionType.ReattestVds, new IdParameters(java.util.UUID.randomUUID()));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_NOT_FOUND, rv.getValidationMessages().get(0).getMessage());
    }
}
