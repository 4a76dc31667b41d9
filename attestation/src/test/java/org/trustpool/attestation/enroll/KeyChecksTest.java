package org.trustpool.attestation.enroll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.interfaces.RSAPublicKey;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trustpool.attestation.testing.SimulatedTpm;
import org.trustpool.attestation.testing.TestTpmKeys;
import org.trustpool.attestation.tpm.MalformedStructureException;
import org.trustpool.attestation.tpm.TpmtPublic;
import org.trustpool.attestation.verify.CheckResult;

class KeyChecksTest {

    private static RSAPublicKey key;

    @BeforeAll
    static void keys() {
        key = (RSAPublicKey) SimulatedTpm.newAik().getPublic();
    }

    @Test
    void tpm2CreateaksKeyPassesAndItsNameIsTheHashOfItsArea() throws Exception {
        byte[] area = TestTpmKeys.akArea(key);
        TpmtPublic ak = TpmtPublic.parse(area);
        assertTrue(KeyChecks.attestationKey(ak).passed());
        assertEquals(key, ak.rsaPublicKey());
        assertArrayEquals(TestTpmKeys.name(area), ak.name());
    }

    @Test
    void anUnrestrictedKeyIsRefused() throws Exception {
        // without restricted the key would sign anything, including a forged TPMS_ATTEST
        CheckResult r = KeyChecks.attestationKey(TpmtPublic.parse(TestTpmKeys.akArea(key,
                TestTpmKeys.AK_ATTRIBUTES & ~(int) TpmtPublic.RESTRICTED)));
        assertFalse(r.passed());
        assertTrue(r.reason().contains("restricted"), r.reason());
    }

    @Test
    void anExportableOrImportedKeyIsRefused() throws Exception {
        for (long bit : new long[] {TpmtPublic.FIXED_TPM, TpmtPublic.FIXED_PARENT, TpmtPublic.SENSITIVE_DATA_ORIGIN}) {
            CheckResult r = KeyChecks.attestationKey(TpmtPublic.parse(TestTpmKeys.akArea(key,
                    TestTpmKeys.AK_ATTRIBUTES & ~(int) bit)));
            assertFalse(r.passed(), "without " + KeyChecks.attributeNames(bit));
            assertTrue(r.reason().contains(KeyChecks.attributeNames(bit)), r.reason());
        }
    }

    @Test
    void aKeyThatAlsoDecryptsIsRefused() throws Exception {
        CheckResult r = KeyChecks.attestationKey(TpmtPublic.parse(TestTpmKeys.akArea(key,
                TestTpmKeys.AK_ATTRIBUTES | (int) TpmtPublic.DECRYPT)));
        assertFalse(r.passed());
        assertTrue(r.reason().contains("decrypt"), r.reason());
    }

    @Test
    void anEkIsNoAkAndAnAkIsNoEk() throws Exception {
        TpmtPublic ek = TpmtPublic.parse(TestTpmKeys.ekArea(key));
        assertTrue(KeyChecks.endorsementKey(ek).passed());
        assertFalse(KeyChecks.attestationKey(ek).passed());
        assertFalse(KeyChecks.endorsementKey(TpmtPublic.parse(TestTpmKeys.akArea(key))).passed());
    }

    @Test
    void malformedAreasAreRefused() {
        byte[] area = TestTpmKeys.akArea(key);
        assertThrows(MalformedStructureException.class, () -> TpmtPublic.parse(java.util.Arrays.copyOf(area, area.length - 1)));
        assertThrows(MalformedStructureException.class, () -> TpmtPublic.parse(java.util.Arrays.copyOf(area, area.length + 1)));
        byte[] ecc = area.clone();
        ecc[1] = 0x23;
        assertThrows(MalformedStructureException.class, () -> TpmtPublic.parse(ecc));
        assertThrows(MalformedStructureException.class, () -> TpmtPublic.parse(new byte[0]));
    }
}
