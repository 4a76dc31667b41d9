package org.trustpool.attestation.enroll;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trustpool.attestation.testing.SimulatedTpm;
import org.trustpool.attestation.testing.TestPki;
import org.trustpool.attestation.verify.CheckResult;

class EkCertificatesTest {

    private static TestPki.Ca root;
    private static TestPki.Ca intermediate;
    private static TestPki.Ca stranger;
    private static KeyPair ek;

    @BeforeAll
    static void pki() {
        root = TestPki.Ca.root("vendor root");
        intermediate = root.intermediate("vendor issuing CA");
        stranger = TestPki.Ca.root("someone's own CA");
        ek = SimulatedTpm.newAik();
    }

    private static CheckResult check(X509Certificate cert, List<X509Certificate> chain, List<X509Certificate> trusted) {
        return EkCertificates.check(cert, chain, ek.getPublic(), trusted, Instant.now());
    }

    @Test
    void aCertificateFromATrustedCaIsAccepted() {
        CheckResult r = check(root.ekCert(ek.getPublic()), List.of(), List.of(root.cert()));
        assertTrue(r.passed(), r::reason);
    }

    @Test
    void intermediatesMaBePresentedOrTrusted() {
        X509Certificate cert = intermediate.ekCert(ek.getPublic());
        // as swtpm-localca -> swtpm-localca-rootca: the host sends the intermediate, we trust the root
        assertTrue(check(cert, List.of(intermediate.cert()), List.of(root.cert())).passed());
        // or the administrator trusts the intermediate itself
        assertTrue(check(cert, List.of(), List.of(intermediate.cert())).passed());
        // without the intermediate the root alone cannot vouch
        assertFalse(check(cert, List.of(), List.of(root.cert())).passed());
    }

    @Test
    void anUnknownCaIsRefusedWithTheReason() {
        CheckResult r = check(stranger.ekCert(ek.getPublic()), List.of(stranger.cert()), List.of(root.cert()));
        assertFalse(r.passed());
        assertTrue(r.reason().contains("does not chain to a trusted EK CA"), r.reason());
        // no CA at all: refused, saying what to do
        CheckResult none = check(root.ekCert(ek.getPublic()), List.of(), List.of());
        assertFalse(none.passed());
        assertTrue(none.reason().contains("ekcas"), none.reason());
    }

    @Test
    void anExpiredCertificateIsRefused() {
        X509Certificate old = root.ekCert(ek.getPublic(), Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        CheckResult r = check(old, List.of(), List.of(root.cert()));
        assertFalse(r.passed());
        assertTrue(r.reason().contains("expired"), r.reason());
    }

    @Test
    void aCertificateOfAnotherKeyIsRefused() {
        X509Certificate other = root.ekCert(SimulatedTpm.newAik().getPublic());
        CheckResult r = check(other, List.of(), List.of(root.cert()));
        assertFalse(r.passed());
        assertTrue(r.reason().contains("another key"), r.reason());
    }

    @Test
    void pemWithAChainIsRead() {
        List<X509Certificate> certs = EkCertificates.parse(TestPki.pem(intermediate.ekCert(ek.getPublic()), intermediate.cert()));
        assertTrue(certs.size() == 2 && certs.get(1).equals(intermediate.cert()));
    }
}
