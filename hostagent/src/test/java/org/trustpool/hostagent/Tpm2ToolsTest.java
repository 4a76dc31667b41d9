package org.trustpool.hostagent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tpm2-tools backend's argument building and output parsing, without a TPM. */
class Tpm2ToolsTest {

    private static final HexFormat HEX = HexFormat.of();

    /** What tpm2_quote 5.4 printed on this machine (signature shortened). */
    private static final String QUOTE_OUTPUT = """
            quoted: ff54434780180022000b2c44
            signature:
              alg: rsassa
              sig: 60ae9cce2ac9a987
            pcrs:
              sha256:
                0 : 0x0000000000000000000000000000000000000000000000000000000000000000
                1 : 0x1111111111111111111111111111111111111111111111111111111111111111
                17: 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF
            calcDigest: 51cdfd15463a712da38c49e9390d861030e28cf1f19ebe9f5a8b6901a9df64fc
            """;

    @Test
    void parsesTheSha256BankOfTpm2QuoteAndIgnoresEverythingElse() {
        Map<Integer, byte[]> pcrs = Tpm2Tools.parseSha256Pcrs(QUOTE_OUTPUT);
        assertEquals(List.of(0, 1, 17), List.copyOf(pcrs.keySet()));
        assertArrayEquals(new byte[32], pcrs.get(0));
        assertEquals("ff".repeat(32), HEX.formatHex(pcrs.get(17)));
    }

    @Test
    void parsesTpm2PcrreadAndSkipsOtherBanks() {
        String out = """
                  sha1:
                    0 : 0x0000000000000000000000000000000000000000
                  sha256:
                    19: 0xABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB
                """;
        Map<Integer, byte[]> pcrs = Tpm2Tools.parseSha256Pcrs(out);
        assertEquals(List.of(19), List.copyOf(pcrs.keySet()));
    }

    @Test
    void refusesGarbledOrDuplicatePcrLines() {
        assertThrows(TpmException.class, () -> Tpm2Tools.parseSha256Pcrs("  sha256:\n    0 : 0x00\n"));
        String twice = "  sha256:\n    0 : 0x" + "00".repeat(32) + "\n    0 : 0x" + "11".repeat(32) + "\n";
        assertThrows(TpmException.class, () -> Tpm2Tools.parseSha256Pcrs(twice));
        assertThrows(IllegalArgumentException.class, () -> Tpm2Tools.parseSha256Pcrs("  sha256:\n    24: 0x" + "00".repeat(32) + "\n"));
    }

    @Test
    void aPcrTheToolDidNotReportIsAnErrorNotAZero() {
        Map<Integer, byte[]> pcrs = Tpm2Tools.parseSha256Pcrs(QUOTE_OUTPUT);
        TpmException e = assertThrows(TpmException.class, () -> Tpm2Tools.select(pcrs, new TreeSet<>(List.of(0, 19))));
        assertTrue(e.getMessage().contains("PCR 19"), e.getMessage());
    }

    @Test
    void buildsSelectionsExtendSpecsAndHandles() {
        assertEquals("sha256:0,1,7,17,19", Tpm2Tools.pcrSelection(new TreeSet<>(List.of(19, 0, 17, 1, 7))));
        assertEquals("16:sha256=" + "ab".repeat(32), Tpm2Tools.extendSpec(16, HEX.parseHex("ab".repeat(32))));
        assertEquals("0x81010002", Tpm2Tools.handle(0x81010002));
        assertEquals("0x01c00002", Tpm2Tools.handle(0x01c00002));
        assertThrows(IllegalArgumentException.class, () -> Tpm2Tools.pcrSelection(new TreeSet<>()));
        assertThrows(IllegalArgumentException.class, () -> Tpm2Tools.pcrSelection(new TreeSet<>(List.of(24))));
        assertThrows(IllegalArgumentException.class, () -> Tpm2Tools.extendSpec(0, new byte[20]));
    }

    @Test
    void unwrapsTpm2bAndChecksItsSize() {
        assertArrayEquals(new byte[]{7, 8}, Tpm2Tools.unwrapTpm2b(new byte[]{0, 2, 7, 8}));
        assertThrows(TpmException.class, () -> Tpm2Tools.unwrapTpm2b(new byte[]{0, 3, 7, 8}));
        assertThrows(TpmException.class, () -> Tpm2Tools.unwrapTpm2b(new byte[]{0}));
    }

    @Test
    void readsTheRsaKeyOfAnAkAndAnEkPublicArea() {
        var key = (java.security.interfaces.RSAPublicKey) AikStore.generate().getPublic();
        assertEquals(key, SwtpmTpm.rsaKey(SoftwareTpm.akPublicArea(key)));
        assertEquals(key, SwtpmTpm.rsaKey(SoftwareTpm.ekPublicArea(key)), "with a symmetric algorithm and an authPolicy");
        byte[] truncated = java.util.Arrays.copyOf(SoftwareTpm.akPublicArea(key), 100);
        assertThrows(TpmException.class, () -> SwtpmTpm.rsaKey(truncated));
    }

    /** TPM2_PCR_Extend as Part 3 lays it out, with an empty password session. */
    @Test
    void pcrExtendCommandBytes() {
        byte[] digest = HEX.parseHex("aa".repeat(32));
        String expected = "8002" + "00000041" + "00000182" + "00000013" + "00000009" + "40000009" + "0000" + "00" + "0000"
                + "00000001" + "000b" + "aa".repeat(32);
        assertEquals(expected, HEX.formatHex(SwtpmProcess.pcrExtendCommand(19, digest)));
    }

    @Test
    void aMissingToolIsNamedWithTheInstallHintAndTheWorkDirIsPrivate(@TempDir Path dir) throws Exception {
        Tpm2Tools tools = new Tpm2Tools("swtpm:path=/nonexistent", dir.resolve("work"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("work"))));
        TpmException e = assertThrows(TpmException.class, () -> tools.run("tpm2_no_such_tool_here"));
        assertTrue(e.getMessage().contains("tpm2_no_such_tool_here cannot be run") && e.getMessage().contains("tpm2-tools"),
                e.getMessage());
    }

    @Test
    void aFailingToolReportsItsExitCodeAndStderr(@TempDir Path dir) throws Exception {
        Tools.require(List.of("tpm2_pcrread"));
        Tpm2Tools tools = new Tpm2Tools("swtpm:path=" + dir.resolve("no-tpm.sock"), dir.resolve("work"));
        TpmException e = assertThrows(TpmException.class, () -> tools.run("tpm2_pcrread", "sha256:0"));
        assertTrue(e.getMessage().startsWith("tpm2_pcrread failed (exit code "), e.getMessage());
        assertTrue(e.getMessage().contains("tcti"), "the tool's own stderr: " + e.getMessage());
    }
}
