package org.trustpool.hostagent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated TPM's endorsement side: its EK, credential activation and the manufacturer CA. */
class EndorsementTest {

    private static final byte[] SECRET = "a secret of thirty-two bytes....".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aCredentialForThisEkAndThisAkOpens() throws Exception {
        SoftwareTpm tpm = new SoftwareTpm(AikStore.generate());
        byte[] blob = VerifierSide.makeCredential(tpm.ekPublic(), tpm.aikName(), SECRET);
        assertArrayEquals(SECRET, tpm.activateCredential(blob));
    }

    /**
     * The relay: a hostile TPM (its own EK) enrolling with a good host's AK. The service binds
     * the credential to that AK's name and wraps it for the hostile EK: the hostile TPM cannot
     * check the HMAC with its own AK, and the good TPM cannot unwrap a seed made for another EK.
     */
    @Test
    void aRelayedCredentialOpensNowhere() throws Exception {
        SoftwareTpm hostile = new SoftwareTpm(AikStore.generate());
        SoftwareTpm good = new SoftwareTpm(AikStore.generate());
        byte[] blob = VerifierSide.makeCredential(hostile.ekPublic(), good.aikName(), SECRET);
        CredentialActivation.ActivationException e = assertThrows(CredentialActivation.ActivationException.class,
                () -> hostile.activateCredential(blob));
        assertTrue(e.getMessage().contains("TPM_RC_INTEGRITY"), e.getMessage());
        assertThrows(CredentialActivation.ActivationException.class, () -> good.activateCredential(blob));
    }

    @Test
    void anAlteredOrTruncatedBlobIsRefused() throws Exception {
        SoftwareTpm tpm = new SoftwareTpm(AikStore.generate());
        byte[] blob = VerifierSide.makeCredential(tpm.ekPublic(), tpm.aikName(), SECRET);
        byte[] altered = blob.clone();
        altered[50] ^= 1; // inside encIdentity / the HMAC
        assertThrows(CredentialActivation.ActivationException.class, () -> tpm.activateCredential(altered));
        assertThrows(CredentialActivation.ActivationException.class,
                () -> tpm.activateCredential(java.util.Arrays.copyOf(blob, 40)));
        assertThrows(CredentialActivation.ActivationException.class, () -> tpm.activateCredential(new byte[0]));
    }

    @Test
    void theAkPublicAreaIsWhatItsNameHashes() throws Exception {
        SoftwareTpm tpm = new SoftwareTpm(AikStore.generate());
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(tpm.aikPublicArea());
        assertArrayEquals(digest, java.util.Arrays.copyOfRange(tpm.aikName(), 2, 34));
        // restricted | sign | fixedTPM | fixedParent | sensitiveDataOrigin, and decrypt clear
        int attributes = java.nio.ByteBuffer.wrap(tpm.aikPublicArea(), 4, 4).getInt();
        assertEquals(0x00050072, attributes);
        assertEquals(0x000300B2, java.nio.ByteBuffer.wrap(tpm.ekPublicArea(), 4, 4).getInt());
    }

    @Test
    void theManufacturerCaIsMadeOnceWithAnOwnerOnlyKeyAndCertifiesEks(@TempDir Path dir) throws Exception {
        ManufacturerCa ca = ManufacturerCa.loadOrCreate(dir, "Test manufacturer");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ManufacturerCa.KEY_FILE))));
        ManufacturerCa again = ManufacturerCa.loadOrCreate(dir, "ignored the second time");
        assertEquals(ca.certificate(), again.certificate());
        assertTrue(ca.certificate().getBasicConstraints() >= 0, "a CA certificate");

        SoftwareTpm tpm = new SoftwareTpm(AikStore.generate());
        X509Certificate ek = again.issueEkCertificate(tpm.ekPublic(), "TPM of host-01");
        assertEquals(tpm.ekPublic(), ek.getPublicKey());
        assertEquals(-1, ek.getBasicConstraints(), "an EK certificate is no CA");
        // the JDK's own PKIX validation accepts the chain, as the attestation service will
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(ek)), params);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused(@TempDir Path dir) throws Exception {
        ManufacturerCa.loadOrCreate(dir.resolve("a"), "A");
        ManufacturerCa.loadOrCreate(dir.resolve("b"), "B");
        Files.copy(dir.resolve("b").resolve(ManufacturerCa.KEY_FILE), dir.resolve("a").resolve(ManufacturerCa.KEY_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(java.io.IOException.class, () -> ManufacturerCa.load(dir.resolve("a")));
    }

    @Test
    void endorsementKeysAreKeptAcrossRestarts(@TempDir Path dir) throws Exception {
        AikStore eks = AikStore.forEndorsementKeys(dir);
        assertEquals(eks.loadOrCreate("host-01").getPublic(), AikStore.forEndorsementKeys(dir).loadOrCreate("host-01").getPublic());
        assertTrue(Files.exists(dir.resolve("host-01-ek.pkcs8")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("host-01-ek.pkcs8"))));
    }
}
