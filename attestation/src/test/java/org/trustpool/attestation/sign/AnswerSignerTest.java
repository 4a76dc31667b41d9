package org.trustpool.attestation.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustpool.attestation.testing.TestCertificates;

class AnswerSignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode entry() {
        ObjectNode e = JSON.createObjectNode();
        e.put("host_name", "h1");
        e.put("trust_lvl", "trusted");
        e.put("vtime", "2026-12-02T03:00:00Z");
        e.put("challenge", "ab".repeat(32));
        e.put("request_nonce", "cd".repeat(16));
        e.put("ek_fingerprint", "ef".repeat(32)); // a field added by other code is covered too
        return e;
    }

    private static boolean verifies(ObjectNode signed, java.security.PublicKey key) throws Exception {
        ObjectNode unsigned = signed.deepCopy();
        byte[] signature = Base64.getDecoder().decode(unsigned.remove("signature").asText());
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(key);
        v.update(CanonicalJson.bytes(unsigned));
        return v.verify(signature);
    }

    @Test
    void everyFieldOfTheEntryIsSignedAndAChangeToAnyBreaksIt() throws Exception {
        TestCertificates.Identity id = TestCertificates.selfSigned("attestation-service");
        AnswerSigner signer = new AnswerSigner(id.keys().getPrivate(), id.certificate());
        ObjectNode signed = signer.sign(entry());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.certificate().getEncoded())),
                signed.path("signer").asText());
        assertTrue(verifies(signed, id.certificate().getPublicKey()));
        for (String field : new String[] {"host_name", "trust_lvl", "vtime", "challenge", "request_nonce", "ek_fingerprint", "signer"}) {
            ObjectNode altered = signed.deepCopy();
            altered.put(field, "x" + altered.path(field).asText());
            assertFalse(verifies(altered, id.certificate().getPublicKey()), field + " altered must not verify");
        }
        ObjectNode added = signed.deepCopy();
        added.put("reason", "added in transit");
        assertFalse(verifies(added, id.certificate().getPublicKey()), "an added field must not verify");
    }

    @Test
    void theCanonicalFormIgnoresOrderAndSpacingOnly() throws Exception {
        byte[] a = CanonicalJson.bytes(JSON.readTree("{\"b\":1,\"a\":{\"y\":\"\u00e9\",\"x\":[2,{\"d\":1,\"c\":2}]}}"));
        byte[] b = CanonicalJson.bytes(JSON.readTree("{ \"a\" : {\"x\":[2,{\"c\":2,\"d\":1}], \"y\":\"\\u00e9\"}, \"b\" : 1 }"));
        assertArrayEquals(a, b);
        assertEquals("{\"a\":{\"x\":[2,{\"c\":2,\"d\":1}],\"y\":\"\u00e9\"},\"b\":1}", new String(a, StandardCharsets.UTF_8));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStart() throws Exception {
        TestCertificates.Identity one = TestCertificates.selfSigned("one");
        TestCertificates.Identity other = TestCertificates.selfSigned("other");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AnswerSigner(other.keys().getPrivate(), one.certificate()));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void loadedFromItsFilesOrNotConfiguredAtAll(@TempDir Path dir) throws Exception {
        TestCertificates.Identity id = TestCertificates.selfSigned("attestation-service");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(id.keys().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(id.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        AnswerSigner loaded = AnswerSigner.fromFiles(p -> null, Map.of("TRUSTPOOL_ATTESTATION_SIGNING_KEY", key.toString(),
                "TRUSTPOOL_ATTESTATION_SIGNING_CERT", cert.toString()));
        assertTrue(verifies(loaded.sign(entry()), id.certificate().getPublicKey()));
        assertNull(AnswerSigner.fromFiles(p -> null, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> AnswerSigner.fromFiles(p -> null, Map.of("TRUSTPOOL_ATTESTATION_SIGNING_KEY", key.toString())));
        assertThrows(IllegalArgumentException.class, () -> AnswerSigner.fromFiles(p -> null, Map.of(
                "TRUSTPOOL_ATTESTATION_SIGNING_KEY", cert.toString(), "TRUSTPOOL_ATTESTATION_SIGNING_CERT", cert.toString())));
    }
}
