package org.trustpool.bll.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which attestation service an engine node asks: its own beside it when the option says "this machine". */
class AttestationPortTest {

    @Test
    void aLoopbackServerMeansTheServiceBesideThisNode() {
        assertEquals(31081, AttestationBroker.attestationPort("127.0.0.1", 31080, "31081"));
        assertEquals(31081, AttestationBroker.attestationPort("localhost", 31080, " 31081 "));
        assertEquals(31081, AttestationBroker.attestationPort("LOCALHOST", 31080, "31081"));
        assertEquals(31081, AttestationBroker.attestationPort("127.0.1.1", 31080, "31081"));
        assertEquals(31081, AttestationBroker.attestationPort("::1", 31080, "31081"));
        assertEquals(31081, AttestationBroker.attestationPort("[::1]", 31080, "31081"));
    }

    @Test
    void anyOtherServerIsOneServiceForAllNodes() {
        assertEquals(8443, AttestationBroker.attestationPort("attest.example.com", 8443, "31081"));
        assertEquals(8443, AttestationBroker.attestationPort("10.0.0.5", 8443, "31081"));
        assertEquals(8443, AttestationBroker.attestationPort("127.0.0.1.example.com", 8443, "31081"), "a name, not loopback");
        assertEquals(8443, AttestationBroker.attestationPort("", 8443, "31081"));
    }

    @Test
    void withoutAUsablePropertyTheOptionHolds() {
        assertEquals(31080, AttestationBroker.attestationPort("127.0.0.1", 31080, null));
        assertEquals(31080, AttestationBroker.attestationPort("127.0.0.1", 31080, "http"));
        assertEquals(31080, AttestationBroker.attestationPort("127.0.0.1", 31080, "0"));
        assertEquals(31080, AttestationBroker.attestationPort("127.0.0.1", 31080, "70000"));
    }
}
