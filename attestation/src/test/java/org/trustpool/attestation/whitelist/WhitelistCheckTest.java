package org.trustpool.attestation.whitelist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.trustpool.attestation.verify.CheckResult;

class WhitelistCheckTest {

    private static String hex(int b) {
        return String.format("%02x", b).repeat(32);
    }

    private static Map<Integer, byte[]> pcrs(int bios, int vmm) {
        Map<Integer, byte[]> m = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            m.put(i, HexFormat.of().parseHex(hex(bios + i)));
        }
        for (int i = 17; i <= 19; i++) {
            m.put(i, HexFormat.of().parseHex(hex(vmm + i)));
        }
        return m;
    }

    private static Mle mle(long id, MleType type, String name, String version, Map<Integer, byte[]> from) {
        TreeMap<Integer, String> values = new TreeMap<>();
        type.pcrs().forEach(i -> values.put(i, HexFormat.of().formatHex(from.get(i))));
        return new Mle(id, type, name, version, values, null);
    }

    @Test
    void matchingBiosAndVmmPass() {
        Map<Integer, byte[]> host = pcrs(0x10, 0x40);
        List<Mle> wl = List.of(mle(1, MleType.BIOS, "B", "1.0", host), mle(2, MleType.VMM, "V", "1.0", host));
        assertTrue(WhitelistCheck.check("B", "1.0", "V", "1.0", host, wl).passed());
    }

    @Test
    void anyWhitelistedVersionOfTheNamePasses() {
        Map<Integer, byte[]> old = pcrs(0x10, 0x40);
        Map<Integer, byte[]> rolled = pcrs(0x10, 0x60);
        List<Mle> wl = List.of(mle(1, MleType.BIOS, "B", "1.0", old), mle(2, MleType.VMM, "V", "1.0", old),
                mle(3, MleType.VMM, "V", "1.1", rolled));
        // a host already on 1.1 but registered as 1.0 (rollout in progress) and one still on 1.0
        assertTrue(WhitelistCheck.check("B", "1.0", "V", "1.0", rolled, wl).passed());
        assertTrue(WhitelistCheck.check("B", "1.0", "V", "1.0", old, wl).passed());
    }

    @Test
    void tamperedPcrNamesTheClosestMismatchWithExpectedAndSeen() {
        Map<Integer, byte[]> good = pcrs(0x10, 0x40);
        Map<Integer, byte[]> tampered = new TreeMap<>(good);
        tampered.put(18, HexFormat.of().parseHex(hex(0xee)));
        List<Mle> wl = List.of(mle(1, MleType.BIOS, "B", "1.0", good), mle(2, MleType.VMM, "V", "1.0", good),
                mle(3, MleType.VMM, "V", "0.9", pcrs(0x10, 0x70)));
        CheckResult r = WhitelistCheck.check("B", "1.0", "V", "1.0", tampered, wl);
        assertFalse(r.passed());
        assertEquals("whitelist", r.check());
        assertTrue(r.reason().startsWith("PCR 18 does not match VMM 'V' 1.0 (MLE 2): expected " + hex(0x40 + 18)
                + ", seen " + hex(0xee)), r.reason());
        assertTrue(r.reason().contains("none of the 2 whitelisted versions"), r.reason());
    }

    @Test
    void noMleForTheNameFailsClosed() {
        Map<Integer, byte[]> host = pcrs(0x10, 0x40);
        CheckResult r = WhitelistCheck.check("B", "1.0", "V", "1.0", host, List.of(mle(1, MleType.BIOS, "B", "1.0", host)));
        assertFalse(r.passed());
        assertTrue(r.reason().contains("no whitelisted VMM MLE named 'V'"), r.reason());
    }

    @Test
    void anMleOfAnotherNameDoesNotCount() {
        Map<Integer, byte[]> host = pcrs(0x10, 0x40);
        List<Mle> wl = List.of(mle(1, MleType.BIOS, "OtherBIOS", "1.0", host), mle(2, MleType.VMM, "V", "1.0", host));
        CheckResult r = WhitelistCheck.check("B", "1.0", "V", "1.0", host, wl);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("no whitelisted BIOS MLE named 'B'"), r.reason());
    }
}
