package org.trustpool.attestation.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.store.Enrollment;
import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.testing.InMemoryAttestationStore;
import org.trustpool.attestation.testing.TestPki;
import org.trustpool.attestation.testing.TestTpmKeys;
import org.trustpool.attestation.tpm.TpmtPublic;
import org.trustpool.attestation.verify.Aik;

class EnrollmentServiceTest {

    private static TestPki.Ca vendor;
    private static TestTpmKeys.Tpm tpmA;
    private static TestTpmKeys.Tpm tpmB;

    private InMemoryAttestationStore store;
    private MutableClock clock;

    @BeforeAll
    static void tpms() {
        vendor = TestPki.Ca.root("vendor");
        tpmA = TestTpmKeys.Tpm.fresh();
        tpmB = TestTpmKeys.Tpm.fresh();
    }

    @BeforeEach
    void store() {
        store = new InMemoryAttestationStore();
        store.addEkCa(new Enrollment.EkCa(EkCertificates.fingerprint(vendor.cert()), "vendor", vendor.cert().getNotAfter().toInstant(),
                TestPki.pem(vendor.cert()), Instant.now(), vendor.cert()));
        clock = new MutableClock(Instant.now());
    }

    private EnrollmentService service(EnrollmentService.ApprovalPolicy policy, int maxPending) {
        return new EnrollmentService(store, policy, Duration.ofSeconds(60), maxPending, new SecureRandom(), clock);
    }

    private EnrollmentService service() {
        return service(EnrollmentService.ApprovalPolicy.AUTO, 100);
    }

    /** A request for {@code name} from the TPM whose EK is {@code ekTpm}'s, presenting {@code akTpm}'s AK. */
    static EnrollmentRequest request(String name, String url, TestTpmKeys.Tpm ekTpm, TestTpmKeys.Tpm akTpm, TestPki.Ca ca)
            throws Exception {
        var cert = ca.ekCert(ekTpm.ek().getPublic());
        return new EnrollmentRequest(name, URI.create(url), TpmtPublic.parse(ekTpm.ekArea()), cert, List.of(),
                TestPki.pem(cert), TpmtPublic.parse(akTpm.akArea()), "TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0");
    }

    /** The honest agent: enrolls and answers with what its TPM recovers. */
    private EnrollmentService.Result enroll(EnrollmentService s, String name, String url, TestTpmKeys.Tpm tpm) throws Exception {
        EnrollmentService.Result begun = s.begin(request(name, url, tpm, tpm, vendor));
        if (!(begun instanceof EnrollmentService.Challenge c)) {
            return begun;
        }
        return s.finish(c.challengeId(), tpm.activate(c.credentialBlob()));
    }

    @Test
    void anHonestTpmEnrollsAndIsBoundToItsEk() throws Exception {
        EnrollmentService.Result r = enroll(service(), "host-01", "http://127.0.0.1:1/jsonrpc", tpmA);
        EnrollmentService.Enrolled e = assertInstanceOf(EnrollmentService.Enrolled.class, r);
        assertEquals(AttestationStore.Outcome.CREATED, e.outcome());
        RegisteredHost h = store.host("host-01").orElseThrow().host();
        assertEquals(Aik.fingerprint(tpmA.ek().getPublic()), h.ekFingerprint());
        assertEquals(Aik.fingerprint(tpmA.ak().getPublic()), h.aikFingerprint());
        assertEquals(RegisteredHost.Approval.APPROVED, h.approval());
        // the same again: nothing to prove, nothing changes
        EnrollmentService.Result again = service().begin(request("host-01", "http://127.0.0.1:1/jsonrpc", tpmA, tpmA, vendor));
        assertEquals(AttestationStore.Outcome.UNCHANGED, assertInstanceOf(EnrollmentService.Enrolled.class, again).outcome());
    }

    @Test
    void aNewNameWithAnotherHostsAkIsRefusedNamingTheHolder() throws Exception {
        enroll(service(), "host-01", "http://127.0.0.1:1/jsonrpc", tpmA);
        // the hostile machine brings its own EK and host-01's published AK
        EnrollmentService.Refused r = assertInstanceOf(EnrollmentService.Refused.class,
                service().begin(request("evil", "http://10.0.0.66:1/jsonrpc", tpmB, tpmA, vendor)));
        assertEquals(409, r.status());
        assertTrue(r.reason().contains("host-01"), r.reason());
        assertTrue(store.host("evil").isEmpty());
    }

    @Test
    void oneEkOneName() throws Exception {
        enroll(service(), "host-01", "http://127.0.0.1:1/jsonrpc", tpmA);
        TestTpmKeys.Tpm newAk = new TestTpmKeys.Tpm(org.trustpool.attestation.testing.SimulatedTpm.newAik(), tpmA.ek());
        EnrollmentService.Refused r = assertInstanceOf(EnrollmentService.Refused.class,
                enroll(service(), "host-99", "http://127.0.0.1:1/jsonrpc", newAk));
        assertEquals(409, r.status());
        assertTrue(r.reason().contains("EK already identifies host host-01"), r.reason());
    }

    @Test
    void aNameBoundToOneTpmCannotMoveToAnotherWithoutAnAdministrator() throws Exception {
        enroll(service(), "host-01", "http://127.0.0.1:1/jsonrpc", tpmA);
        EnrollmentService.Refused r = assertInstanceOf(EnrollmentService.Refused.class,
                enroll(service(), "host-01", "http://127.0.0.1:1/jsonrpc", tpmB));
        assertEquals(409, r.status());
        assertTrue(r.reason().contains(Aik.fingerprint(tpmA.ek().getPublic())), r.reason());
        // the administrator deletes the name; then the other TPM may take it
        store.deleteHost("host-01");
        assertInstanceOf(EnrollmentService.Enrolled.class, enroll(service(), "host-01", "http://127.0.0.1:1/jsonrpc", tpmB));
    }

    /** A relay: its own (certified) EK with a good host's AK on a new name. No TPM can answer. */
    @Test
    void aRelayFailsActivationAndIsNeverBound() throws Exception {
        EnrollmentService s = service();
        TestTpmKeys.Tpm good = TestTpmKeys.Tpm.fresh();
        TestTpmKeys.Tpm hostile = TestTpmKeys.Tpm.fresh();
        EnrollmentService.Challenge c = assertInstanceOf(EnrollmentService.Challenge.class,
                s.begin(request("relay", "http://10.0.0.66:1/jsonrpc", hostile, good, vendor)));
        // the hostile TPM cannot open it with its own AK, the good one cannot unwrap a seed for another EK
        org.junit.jupiter.api.Assertions.assertThrows(SecurityException.class, () -> hostile.activate(c.credentialBlob()));
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> good.activate(c.credentialBlob()));
        // so it can only guess
        EnrollmentService.Refused r = assertInstanceOf(EnrollmentService.Refused.class, s.finish(c.challengeId(), new byte[32]));
        assertEquals(403, r.status());
        assertTrue(store.host("relay").isEmpty());
        // and the challenge is gone: no second guess
        assertEquals(410, assertInstanceOf(EnrollmentService.Refused.class, s.finish(c.challengeId(), new byte[32])).status());
    }

    @Test
    void rePointingARegisteredHostNeedsActivationWithTheSameEk() throws Exception {
        EnrollmentService s = service();
        enroll(s, "host-01", "http://127.0.0.1:1/jsonrpc", tpmA);
        // a claim alone (another address) changes nothing
        EnrollmentService.Challenge c = assertInstanceOf(EnrollmentService.Challenge.class,
                s.begin(request("host-01", "http://10.0.0.66:1/jsonrpc", tpmA, tpmA, vendor)));
        assertEquals("http://127.0.0.1:1/jsonrpc", store.host("host-01").orElseThrow().host().agentUrl().toString());
        assertEquals(403, assertInstanceOf(EnrollmentService.Refused.class, s.finish(c.challengeId(), new byte[32])).status());
        assertEquals("http://127.0.0.1:1/jsonrpc", store.host("host-01").orElseThrow().host().agentUrl().toString());
        // the TPM itself moving: proven, accepted
        EnrollmentService.Result moved = enroll(s, "host-01", "http://127.0.0.1:2/jsonrpc", tpmA);
        assertEquals(AttestationStore.Outcome.UPDATED, assertInstanceOf(EnrollmentService.Enrolled.class, moved).outcome());
        assertEquals("http://127.0.0.1:2/jsonrpc", store.host("host-01").orElseThrow().host().agentUrl().toString());
        // a new AK after a TPM clear, with the same EK: proven by activation, accepted
        TestTpmKeys.Tpm cleared = new TestTpmKeys.Tpm(org.trustpool.attestation.testing.SimulatedTpm.newAik(), tpmA.ek());
        assertEquals(AttestationStore.Outcome.UPDATED, assertInstanceOf(EnrollmentService.Enrolled.class,
                enroll(s, "host-01", "http://127.0.0.1:2/jsonrpc", cleared)).outcome());
        assertEquals(Aik.fingerprint(cleared.ak().getPublic()), store.host("host-01").orElseThrow().host().aikFingerprint());
    }

    @Test
    void challengesExpireAndAreBounded() throws Exception {
        EnrollmentService s = service(EnrollmentService.ApprovalPolicy.AUTO, 2);
        EnrollmentService.Challenge c = assertInstanceOf(EnrollmentService.Challenge.class,
                s.begin(request("host-01", "http://127.0.0.1:1/jsonrpc", tpmA, tpmA, vendor)));
        clock.now = clock.now.plusSeconds(61);
        assertEquals(410, assertInstanceOf(EnrollmentService.Refused.class,
                s.finish(c.challengeId(), tpmA.activate(c.credentialBlob()))).status());
        assertTrue(store.host("host-01").isEmpty());

        assertInstanceOf(EnrollmentService.Challenge.class, s.begin(request("a", "http://127.0.0.1:1/jsonrpc",
                TestTpmKeys.Tpm.fresh(), tpmA, vendor)));
        assertInstanceOf(EnrollmentService.Challenge.class, s.begin(request("b", "http://127.0.0.1:1/jsonrpc", tpmB, tpmB, vendor)));
        EnrollmentService.Refused busy = assertInstanceOf(EnrollmentService.Refused.class,
                s.begin(request("c", "http://127.0.0.1:1/jsonrpc", tpmA, tpmA, vendor)));
        assertEquals(503, busy.status());
        assertEquals(2, store.openChallenges());
    }

    @Test
    void untrustedEkCertificatesAndBadAksAreRefusedWithTheReason() throws Exception {
        TestPki.Ca stranger = TestPki.Ca.root("stranger");
        EnrollmentService.Refused r = assertInstanceOf(EnrollmentService.Refused.class,
                service().begin(request("host-01", "http://127.0.0.1:1/jsonrpc", tpmA, tpmA, stranger)));
        assertEquals(403, r.status());
        assertTrue(r.reason().contains("does not chain"), r.reason());

        var cert = vendor.ekCert(tpmA.ek().getPublic());
        EnrollmentRequest unrestricted = new EnrollmentRequest("host-01", URI.create("http://127.0.0.1:1/jsonrpc"),
                TpmtPublic.parse(tpmA.ekArea()), cert, List.of(), TestPki.pem(cert),
                TpmtPublic.parse(TestTpmKeys.akArea((RSAPublicKey) tpmA.ak().getPublic(),
                        TestTpmKeys.AK_ATTRIBUTES & ~(int) TpmtPublic.RESTRICTED)), "b", "1", "v", "1");
        EnrollmentService.Refused bad = assertInstanceOf(EnrollmentService.Refused.class, service().begin(unrestricted));
        assertEquals(400, bad.status());
        assertTrue(bad.reason().contains("restricted"), bad.reason());
    }

    @Test
    void manualApprovalHoldsNewEks() throws Exception {
        enroll(service(EnrollmentService.ApprovalPolicy.MANUAL, 10), "host-01", "http://127.0.0.1:1/jsonrpc", tpmA);
        assertEquals(RegisteredHost.Approval.PENDING, store.host("host-01").orElseThrow().host().approval());
        store.setApproval("host-01", RegisteredHost.Approval.APPROVED);
        // a later change by the same TPM keeps the administrator's decision
        enroll(service(EnrollmentService.ApprovalPolicy.MANUAL, 10), "host-01", "http://127.0.0.1:9/jsonrpc", tpmA);
        assertEquals(RegisteredHost.Approval.APPROVED, store.host("host-01").orElseThrow().host().approval());
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
