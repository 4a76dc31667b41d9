package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MeasuredBootTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final MeasuredBoot.Platform DEFAULT = SimulatorOptions.defaultPlatform();

    private static SoftwareTpm booted(MeasuredBoot.Platform platform, boolean tampered) {
        SoftwareTpm tpm = new SoftwareTpm(AikStore.generate());
        MeasuredBoot.boot(tpm, platform, tampered);
        return tpm;
    }

    @Test
    void documentedDerivationGivesThesePinnedValues() {
        // Computed independently (Python hashlib) from the formula in MeasuredBoot's javadoc.
        // If this fails, every whitelist computed so far stops matching: change it on purpose only.
        Map<Integer, byte[]> pcrs = MeasuredBoot.expectedPcrs("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 17, 18, 19), new ArrayList<>(pcrs.keySet()));
        assertEquals("3b633e07d1f72dd621d9cbec000dc75aad5663f633407b14f8ce0f459a1bcfb4", HEX.formatHex(pcrs.get(0)));
        assertEquals("7dbfd3e92065a5432d229e8499c190ad0922e263b44e7ec48a0a89d0626b0d17", HEX.formatHex(pcrs.get(19)));
    }

    @Test
    void identicalConfigurationGivesIdenticalPcrsEqualToTheExpectedOnes() {
        SoftwareTpm a = booted(DEFAULT, false);
        SoftwareTpm b = booted(DEFAULT, false);
        for (int i = 0; i < SoftwareTpm.PCR_COUNT; i++) {
            assertArrayEquals(a.pcr(i), b.pcr(i), "PCR " + i);
        }
        Map<Integer, byte[]> expected = MeasuredBoot.expectedPcrs(
                DEFAULT.biosName(), DEFAULT.biosVersion(), DEFAULT.vmmName(), DEFAULT.vmmVersion());
        for (int i = 0; i < SoftwareTpm.PCR_COUNT; i++) {
            if (expected.containsKey(i)) {
                assertArrayEquals(expected.get(i), a.pcr(i), "PCR " + i);
                assertFalse(java.util.Arrays.equals(new byte[32], a.pcr(i)), "PCR " + i + " was measured");
            } else {
                assertArrayEquals(new byte[32], a.pcr(i), "PCR " + i + " is not part of the boot");
            }
        }
    }

    @Test
    void tamperChangesExactlyTheKernelPcr() {
        assertEquals(Set.of(19), differingPcrs(booted(DEFAULT, false), booted(DEFAULT, true)));
        assertEquals("ee7335731785698cfc384b7e20c15177c8c3995e0483d5ed2c931395e726f88c",
                HEX.formatHex(booted(DEFAULT, true).pcr(19)), "pinned, computed independently");
    }

    @Test
    void biosOnlyAffectsPcr0To7AndVmmOnly17To19() {
        SoftwareTpm base = booted(DEFAULT, false);
        SoftwareTpm newBios = booted(new MeasuredBoot.Platform("TrustpoolBIOS", "1.1", "TrustpoolVMM", "1.0"), false);
        SoftwareTpm newVmm = booted(new MeasuredBoot.Platform("TrustpoolBIOS", "1.0", "OtherVMM", "1.0"), false);
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7), differingPcrs(base, newBios));
        assertEquals(Set.of(17, 18, 19), differingPcrs(base, newVmm));
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        // "a\nb" + "c" vs "a" + "b\nc" would collide without the control-character ban; the
        // option parser enforces it, this shows plain neighbours differ.
        assertFalse(java.util.Arrays.equals(MeasuredBoot.componentDigest("vmm", "ab", "c"),
                MeasuredBoot.componentDigest("vmm", "a", "bc")));
    }

    @Test
    void printGoodPcrsPrintsTheWhitelistDocumentAndExits() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Simulator.run(new String[] {"--print-good-pcrs", "--bios-name", "AcmeBIOS", "--bios-version", "2.3",
                        "--vmm-name", "KVM", "--vmm-version=6.1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err::toString);
        JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        Map<Integer, byte[]> expected = MeasuredBoot.expectedPcrs("AcmeBIOS", "2.3", "KVM", "6.1");
        assertEquals(List.of("bios", "vmm"), names(doc));
        assertEquals("AcmeBIOS", doc.at("/bios/name").asText());
        assertEquals("2.3", doc.at("/bios/version").asText());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7"), names(doc.at("/bios/pcrs")));
        assertEquals("KVM", doc.at("/vmm/name").asText());
        assertEquals("6.1", doc.at("/vmm/version").asText());
        assertEquals(List.of("17", "18", "19"), names(doc.at("/vmm/pcrs")));
        for (int pcr : expected.keySet()) {
            String group = pcr < 8 ? "bios" : "vmm";
            assertEquals(HEX.formatHex(expected.get(pcr)), doc.at("/" + group + "/pcrs/" + pcr).asText(), "PCR " + pcr);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<Integer> differingPcrs(SoftwareTpm a, SoftwareTpm b) {
        Set<Integer> differ = new java.util.TreeSet<>();
        for (int i = 0; i < SoftwareTpm.PCR_COUNT; i++) {
            if (!java.util.Arrays.equals(a.pcr(i), b.pcr(i))) {
                differ.add(i);
            }
        }
        return differ;
    }
}
