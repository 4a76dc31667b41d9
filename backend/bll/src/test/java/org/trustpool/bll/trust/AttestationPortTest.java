package org.trustpool.bll.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which attestation service an engine node asks: its own beside it when the option says "this machine". */
class AttestationPortTest {
    /** What the launcher wrote into AttestationPort: node 1's port. */
    private static final String LAUNCHER = "31080";

    @Test
    void aLoopbackServerMeansTheServiceBesideThisNode() {
        assertEquals(31081, AttestationBroker.attestationPort("127.0.0.1", 31080, "31081", LAUNCHER));
        assertEquals(31081, AttestationBroker.attestationPort("localhost", 31080, " 31081 ", LAUNCHER));
        assertEquals(31081, AttestationBroker.attestationPort("LOCALHOST", 31080, "31081", LAUNCHER));
        assertEquals(31081, AttestationBroker.attestationPort("127.0.1.1", 31080, "31081", LAUNCHER));
        assertEquals(31081, AttestationBroker.attestationPort("::1", 31080, "31081", LAUNCHER));
        assertEquals(31081, AttestationBroker.attestationPort("[::1]", 31080, "31081", LAUNCHER));
    }

    @Test
    void anyOtherServerIsOneServiceForAllNodes() {
        assertEquals(8443, AttestationBroker.attestationPort("attest.example.com", 8443, "31081", LAUNCHER));
        assertEquals(8443, AttestationBroker.attestationPort("10.0.0.5", 8443, "31081", LAUNCHER));
        assertEquals(8443, AttestationBroker.attestationPort("127.0.0.1.example.com", 8443, "31081", LAUNCHER), "a name, not loopback");
        assertEquals(8443, AttestationBroker.attestationPort("", 8443, "31081", LAUNCHER));
    }

    /** An administrator's choice (a proxy, an outage drill on port 9) is obeyed, on loopback too. */
    @Test
    void anotherPortThanTheLauncherWroteIsTheAdministratorsAndHolds() {
        assertEquals(9, AttestationBroker.attestationPort("127.0.0.1", 9, "31081", LAUNCHER));
        assertEquals(40123, AttestationBroker.attestationPort("127.0.0.1", 40123, "31081", LAUNCHER));
        assertEquals(31080, AttestationBroker.attestationPort("127.0.0.1", 31080, "31081", null), "no launcher, no override");
    }

    @Test
    void withoutAUsablePropertyTheOptionHolds() {
        assertEquals(31080, AttestationBroker.attestationPort("127.0.0.1", 31080, null, LAUNCHER));
        assertEquals(31080, AttestationBroker.attestationPort("127.0.0.1", 31080, "http", LAUNCHER));
        assertEquals(31080, AttestationBroker.attestationPort("127.0.0.1", 31080, "0", LAUNCHER));
        assertEquals(31080, AttestationBroker.attestationPort("127.0.0.1", 31080, "70000", LAUNCHER));
    }
}
