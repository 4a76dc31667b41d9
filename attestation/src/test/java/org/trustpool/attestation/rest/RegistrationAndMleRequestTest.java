package org.trustpool.attestation.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trustpool.attestation.enroll.EnrollmentRequest;
import org.trustpool.attestation.testing.TestPki;
import org.trustpool.attestation.testing.TestTpmKeys;
import org.trustpool.attestation.testing.SimulatedTpm;
import org.trustpool.attestation.verify.Aik;
import org.trustpool.attestation.whitelist.Mle;
import org.trustpool.attestation.whitelist.MleType;

class RegistrationAndMleRequestTest {

    private static String pem;

    private static String ekArea;
    private static String akArea;
    private static String certPem;
    private static TestTpmKeys.Tpm tpm;

    @BeforeAll
    static void key() throws Exception {
        tpm = TestTpmKeys.Tpm.fresh();
        pem = Aik.toPem(tpm.ak().getPublic());
        ekArea = Base64.getEncoder().encodeToString(tpm.ekArea());
        akArea = Base64.getEncoder().encodeToString(tpm.akArea());
        TestPki.Ca ca = TestPki.Ca.root("vendor");
        certPem = TestPki.pem(ca.ekCert(tpm.ek().getPublic()), ca.cert());
    }

    private static ObjectNode registration() {
        ObjectNode o = Json.object();
        o.put("host_name", "host-01");
        o.put("agent_url", "http://127.0.0.1:54321/jsonrpc");
        o.put("ek_public", ekArea);
        o.put("ek_certificate_pem", certPem);
        o.put("ak_public", akArea);
        o.put("bios_name", "TrustpoolBIOS");
        o.put("bios_version", "1.0");
        o.put("vmm_name", "TrustpoolVMM");
        o.put("vmm_version", "1.0");
        return o;
    }

    private static byte[] bytes(ObjectNode o) {
        return Json.write(o).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void registrationIsRead() throws Exception {
        EnrollmentRequest r = HostRegistration.parse(bytes(registration()));
        assertEquals("host-01", r.hostName());
        assertEquals("http://127.0.0.1:54321/jsonrpc", r.agentUrl().toString());
        assertEquals(tpm.ak().getPublic(), r.ak().rsaPublicKey());
        assertEquals(tpm.ek().getPublic(), r.ek().rsaPublicKey());
        assertEquals(tpm.ek().getPublic(), r.ekCertificate().getPublicKey());
        assertEquals(1, r.intermediates().size(), "the CA certificate after the EK's is an intermediate");
    }

    @Test
    void badRegistrationsAreRefused() throws Exception {
        Map<String, String> bad = Map.of(
                "host_name", "host 01; drop table",
                "agent_url", "file:///etc/passwd",
                "ak_public", "AAAA",
                "ek_public", "not base64!",
                "ek_certificate_pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                "bios_name", "",
                "vmm_version", "x".repeat(300));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            ObjectNode o = registration();
            o.put(e.getKey(), e.getValue());
            InvalidRequestException ex = assertThrows(InvalidRequestException.class, () -> HostRegistration.parse(bytes(o)),
                    e.getKey());
            assertTrue(ex.getMessage().contains(e.getKey()), ex.getMessage());
        }
        ObjectNode missing = registration();
        missing.remove("vmm_name");
        assertThrows(InvalidRequestException.class, () -> HostRegistration.parse(bytes(missing)));
        ObjectNode userInfo = registration();
        userInfo.put("agent_url", "http://user:pw@127.0.0.1:1/jsonrpc");
        assertThrows(InvalidRequestException.class, () -> HostRegistration.parse(bytes(userInfo)));
    }

    @Test
    void activationAnswersAreChecked() throws Exception {
        ObjectNode o = Json.object();
        o.put("challenge_id", "ab".repeat(16));
        o.put("secret", Base64.getEncoder().encodeToString(new byte[32]));
        assertEquals("ab".repeat(16), HostRegistration.challengeId(o));
        assertEquals(32, HostRegistration.secret(o).length);
        o.put("challenge_id", "../../etc");
        assertThrows(InvalidRequestException.class, () -> HostRegistration.challengeId(o));
        o.put("secret", "%%%");
        assertThrows(InvalidRequestException.class, () -> HostRegistration.secret(o));
    }

    @Test
    void mleIsReadAndNormalised() throws Exception {
        Mle m = MleRequest.parse(("{\"type\":\"VMM\",\"name\":\"TrustpoolVMM\",\"version\":\"1.0\",\"pcrs\":{\"18\":\""
                + "AB".repeat(32) + "\",\"17\":\"" + "00".repeat(32) + "\",\"19\":\"" + "01".repeat(32) + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(MleType.VMM, m.type());
        assertEquals("ab".repeat(32), m.pcrs().get(18));
        assertEquals(java.util.List.of(17, 18, 19), java.util.List.copyOf(m.pcrs().keySet()));
    }

    @Test
    void anMleWithoutEveryPcrOfItsTypeIsRefused() {
        String hex = "00".repeat(32);
        InvalidRequestException vmm = assertThrows(InvalidRequestException.class, () -> MleRequest.parse(
                ("{\"type\":\"VMM\",\"name\":\"n\",\"version\":\"1\",\"pcrs\":{\"17\":\"" + hex + "\",\"18\":\"" + hex
                        + "\"}}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(vmm.getMessage().contains("missing: PCR [19]"), vmm.getMessage());
        StringBuilder bios = new StringBuilder("{\"type\":\"BIOS\",\"name\":\"n\",\"version\":\"1\",\"pcrs\":{");
        for (int pcr = 0; pcr <= 6; pcr++) {
            bios.append(pcr == 0 ? "" : ",").append('"').append(pcr).append("\":\"").append(hex).append('"');
        }
        bios.append("}}");
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> MleRequest.parse(bios.toString().getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("missing: PCR [7]"), e.getMessage());
        // with PCR 7 it is complete and accepted
        String complete = bios.toString().replace("}}", ",\"7\":\"" + hex + "\"}}");
        assertDoesNotThrow(() -> MleRequest.parse(complete.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void badMlesAreRefused() {
        String hex = "00".repeat(32);
        for (String body : new String[] {
                "{\"type\":\"OS\",\"name\":\"n\",\"version\":\"1\",\"pcrs\":{\"0\":\"" + hex + "\"}}",
                "{\"type\":\"BIOS\",\"name\":\"n\",\"version\":\"1\",\"pcrs\":{\"17\":\"" + hex + "\"}}",
                "{\"type\":\"VMM\",\"name\":\"n\",\"version\":\"1\",\"pcrs\":{\"0\":\"" + hex + "\"}}",
                "{\"type\":\"BIOS\",\"name\":\"n\",\"version\":\"1\",\"pcrs\":{\"00\":\"" + hex + "\"}}",
                "{\"type\":\"BIOS\",\"name\":\"n\",\"version\":\"1\",\"pcrs\":{\"0\":\"abc\"}}",
                "{\"type\":\"BIOS\",\"name\":\"n\",\"version\":\"1\",\"pcrs\":{}}",
                "{\"type\":\"BIOS\",\"name\":\"n\",\"pcrs\":{\"0\":\"" + hex + "\"}}",
        }) {
            assertThrows(InvalidRequestException.class, () -> MleRequest.parse(body.getBytes(StandardCharsets.UTF_8)), body);
        }
    }
}
