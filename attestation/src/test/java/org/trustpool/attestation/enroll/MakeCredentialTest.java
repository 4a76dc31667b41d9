package org.trustpool.attestation.enroll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.trustpool.attestation.testing.TestTpmKeys;

class MakeCredentialTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void theTpmThatHoldsBothKeysRecoversTheSecret() throws Exception {
        TestTpmKeys.Tpm tpm = TestTpmKeys.Tpm.fresh();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        byte[] blob = MakeCredential.make((RSAPublicKey) tpm.ek().getPublic(), TestTpmKeys.name(tpm.akArea()), secret, random)
                .toTpm2ToolsFile();
        // magic, version, TPM2B_ID_OBJECT (2 + 2 + 32 + 34), TPM2B_ENCRYPTED_SECRET (2 + 256): 336 bytes, as tpm2-tools'
        assertEquals(336, blob.length);
        assertEquals("badcc0de00000001", HexFormat.of().formatHex(blob, 0, 8));
        assertArrayEquals(secret, tpm.activate(blob));
    }

    /** Own EK, someone else's AK (a relay): neither TPM can open it. */
    @Test
    void aRelayedCredentialOpensInNeitherTpm() throws Exception {
        TestTpmKeys.Tpm hostile = TestTpmKeys.Tpm.fresh();
        TestTpmKeys.Tpm good = TestTpmKeys.Tpm.fresh();
        byte[] blob = MakeCredential.make((RSAPublicKey) hostile.ek().getPublic(), TestTpmKeys.name(good.akArea()),
                new byte[32], random).toTpm2ToolsFile();
        assertThrows(SecurityException.class, () -> hostile.activate(blob));
        assertThrows(Exception.class, () -> good.activate(blob));
    }

    @Test
    void kdfaMatchesItsDefinition() throws Exception {
        // one block: HMAC-SHA256(key, 00000001 || "STORAGE" || 00 || u || 00000080), cut to 16 bytes
        byte[] key = new byte[32];
        byte[] u = {1, 2, 3};
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal(HexFormat.of().parseHex("00000001" + HexFormat.of().formatHex("STORAGE".getBytes())
                + "00" + "010203" + "00000080"));
        assertArrayEquals(java.util.Arrays.copyOf(expected, 16), MakeCredential.kdfa(key, "STORAGE", u, new byte[0], 128));
    }

    @Test
    void oversizedCredentialsAreRefused() {
        TestTpmKeys.Tpm tpm = TestTpmKeys.Tpm.fresh();
        assertThrows(IllegalArgumentException.class, () -> MakeCredential.make((RSAPublicKey) tpm.ek().getPublic(),
                new byte[34], new byte[33], random));
    }
}
