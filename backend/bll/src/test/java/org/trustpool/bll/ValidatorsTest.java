package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.bll.validator.HostAddressValidator;
import org.trustpool.common.errors.EngineMessage;

class ValidatorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "host-01.example.com", "h", "::1", "fe80::1", "10.0.0.255"})
    void goodAddressesPass(String address) {
        assertTrue(HostAddressValidator.validAddress(address).isValid(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "evil.com/path", "user@host", "host?x=1", "-bad", "1.2.3.4:80", "a..b", "http://h"})
    void addressesThatCouldBendAUrlFail(String address) {
        assertFalse(HostAddressValidator.validAddress(address).isValid(), address);
    }

    @Test
    void portsOutsideTheRangeFail() {
        assertFalse(HostAddressValidator.validPort(0).isValid());
        assertFalse(HostAddressValidator.validPort(65536).isValid());
        assertTrue(HostAddressValidator.validPort(54321).isValid());
    }

    @Test
    void namesAreCheckedForEmptinessCharactersAndLength() {
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_NAME_EMPTY, EntityValidators.validName(" ").getMessage());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_NAME_INVALID, EntityValidators.validName("a;rm -rf").getMessage());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_NAME_TOO_LONG, EntityValidators.validName("x".repeat(256)).getMessage());
        assertTrue(EntityValidators.validName("my_trust-cluster.1").isValid());
    }

    @Test
    void compatibilityVersionIsMajorDotMinor() {
        assertTrue(EntityValidators.validCompatibilityVersion("4.7").isValid());
        assertFalse(EntityValidators.validCompatibilityVersion("4").isValid());
        assertFalse(EntityValidators.validCompatibilityVersion("4.7; drop").isValid());
    }
}
