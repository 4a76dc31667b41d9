package org.trustpool.hostagent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorOptionsTest {

    @Test
    void noArgumentsGiveDocumentedDefaults() throws UsageException {
        SimulatorOptions o = SimulatorOptions.parse();
        assertEquals(1, o.hosts());
        assertEquals(54321, o.basePort());
        assertEquals("127.0.0.1", o.bind());
        assertEquals("host-", o.namePrefix());
        assertNull(o.dataDir());
        assertEquals(16384, o.memMb());
        assertEquals(8, o.cpus());
        assertEquals("Intel SandyBridge Family", o.cpuModel());
        assertFalse(o.help());
    }

    @Test
    void everyOptionIsParsedInBothForms() throws UsageException {
        SimulatorOptions o = SimulatorOptions.parse("--hosts", "3", "--base-port=40000", "--bind", "::1",
                "--name-prefix=node", "--data-dir", "/tmp/ids", "--mem-mb", "2048", "--cpus=4",
                "--cpu-model", "AMD EPYC");
        assertEquals(3, o.hosts());
        assertEquals(40000, o.basePort());
        assertEquals("::1", o.bind());
        assertEquals("node", o.namePrefix());
        assertEquals(Path.of("/tmp/ids"), o.dataDir());
        assertEquals(2048, o.memMb());
        assertEquals(4, o.cpus());
        assertEquals("AMD EPYC", o.cpuModel());
    }

    @Test
    void tpmBackendDefaultsToTheSoftwareTpmAndSwtpmKeepsItsCaNextToTheHostState() throws UsageException {
        assertEquals(SimulatorOptions.TpmBackend.SIMULATED, SimulatorOptions.parse().tpm());
        SimulatorOptions o = SimulatorOptions.parse("--tpm", "swtpm", "--data-dir", "/tmp/hosts");
        assertEquals(SimulatorOptions.TpmBackend.SWTPM, o.tpm());
        assertEquals(java.nio.file.Path.of("/tmp/hosts/swtpm-localca"), o.effectiveSwtpmCaDir());
        o = SimulatorOptions.parse("--tpm=swtpm", "--data-dir", "/tmp/hosts", "--swtpm-ca-dir", "/tmp/ca");
        assertEquals(java.nio.file.Path.of("/tmp/ca"), o.effectiveSwtpmCaDir());
    }

    @Test
    void attestationOptionsHaveDefaults() throws UsageException {
        SimulatorOptions o = SimulatorOptions.parse();
        assertEquals(new MeasuredBoot.Platform("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0"), o.platform());
        assertEquals(Set.of(), o.tamper());
        assertFalse(o.allowTamperControl());
        assertNull(o.attestationUrl());
        assertNull(o.attestationToken());
        assertEquals(0, o.delayQuoteMs());
        assertFalse(o.printGoodPcrs());
    }

    @Test
    void attestationOptionsAreParsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path token = java.nio.file.Files.writeString(dir.resolve("token"), "abc.DEF-1\n");
        SimulatorOptions o = SimulatorOptions.parse("--ek-ca-dir", dir.toString(),"--hosts", "3", "--bios-name", "Acme BIOS", "--bios-version=2.3",
                "--vmm-name", "KVM", "--vmm-version", "6.1", "--tamper", "host-02,host-03", "--allow-tamper-control",
                "--attestation-url", "http://127.0.0.1:8080/AttestationService/", "--attestation-token-file=" + token,
                "--delay-quote-ms", "2500", "--print-good-pcrs");
        assertEquals(new MeasuredBoot.Platform("Acme BIOS", "2.3", "KVM", "6.1"), o.platform());
        assertEquals(Set.of("host-02", "host-03"), o.tamper());
        assertTrue(o.allowTamperControl());
        assertEquals(URI.create("http://127.0.0.1:8080/AttestationService"), o.attestationUrl(), "trailing slash dropped");
        assertEquals("abc.DEF-1", o.attestationToken());
        assertEquals(2500, o.delayQuoteMs());
        assertTrue(o.printGoodPcrs());
        assertFalse(o.toString().contains("abc.DEF-1"), "the token is a secret");
        assertEquals(dir, o.ekCaDir());
        // a token on the command line is no longer an option: ps would show it to every local user
        assertThrows(UsageException.class, () -> SimulatorOptions.parse("--attestation-url", "http://h/a",
                "--attestation-token", "abc.DEF-1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--tamper host-09|no host named",
            "--hosts 2 --tamper host-01,,host-02|--tamper",
            "--name-prefix n --tamper host-01|no host named",
            "--bios-name|missing value",
            "--allow-tamper-control=yes|takes no value",
            "--attestation-url ftp://x/y|--attestation-url",
            "--attestation-url http://x/y?a=b|--attestation-url",
            "--attestation-url x|--attestation-url",
            "--attestation-token-file /dev/null|--attestation-token-file",
            "--attestation-token-file /nonexistent/token|cannot read",
            "--delay-quote-ms -1|--delay-quote-ms",
            "--delay-quote-ms 600001|--delay-quote-ms"})
    void badAttestationOptionsAreRejected(String args, String expectedInMessage) {
        UsageException e = assertThrows(UsageException.class, () -> SimulatorOptions.parse(args.split(" ")));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void valuesWithSpacesOrControlCharactersAreCheckedWhereItMatters(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path spaced = java.nio.file.Files.writeString(dir.resolve("a"), "a b");
        java.nio.file.Path injected = java.nio.file.Files.writeString(dir.resolve("b"), "ab\r\nX-Evil: 1");
        UsageException e = assertThrows(UsageException.class, () -> SimulatorOptions.parse("--vmm-name", "KVM\n6.1"));
        assertTrue(e.getMessage().contains("--vmm-name"), e.getMessage());
        e = assertThrows(UsageException.class, () -> SimulatorOptions.parse("--bios-version", "  "));
        assertTrue(e.getMessage().contains("--bios-version"), e.getMessage());
        e = assertThrows(UsageException.class,
                () -> SimulatorOptions.parse("--attestation-url", "http://x", "--attestation-token-file", spaced.toString()));
        assertTrue(e.getMessage().contains("--attestation-token-file"), e.getMessage());
        e = assertThrows(UsageException.class,
                () -> SimulatorOptions.parse("--attestation-url", "http://x", "--attestation-token-file", injected.toString()));
        assertTrue(e.getMessage().contains("--attestation-token-file"), e.getMessage());
        assertEquals("Acme BIOS", SimulatorOptions.parse("--bios-name", "Acme BIOS").platform().biosName());
    }

    @Test
    void tamperedHostNamesFollowThePrefix() throws UsageException {
        assertEquals(Set.of("n01"), SimulatorOptions.parse("--name-prefix", "n", "--tamper", "n01").tamper());
    }

    @Test
    void basePortZeroMeansEphemeral() throws UsageException {
        assertEquals(0, SimulatorOptions.parse("--base-port", "0").basePort());
    }

    @Test
    void helpIsRecognised() throws UsageException {
        assertTrue(SimulatorOptions.parse("--help").help());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--frobnicate 1|unknown option",
            "--hosts|missing value",
            "--hosts 0|--hosts",
            "--hosts two|--hosts",
            "--hosts 100000|--hosts",
            "--base-port -1|--base-port",
            "--base-port 70000|--base-port",
            "--base-port 65535 --hosts 2|no room",
            "--mem-mb 0|--mem-mb",
            "--cpus x|--cpus",
            "--name-prefix ../evil|--name-prefix",
            "--bind no.such.host.invalid|--bind",
            "positional|unknown option",
            "--tpm tpm12|--tpm takes simulated or swtpm",
            "--tpm swtpm|--tpm swtpm needs --data-dir",
            "--swtpm-ca-dir /tmp/ca|--swtpm-ca-dir needs --tpm swtpm"})
    void badOptionsAreRejectedWithAHelpfulMessage(String args, String expectedInMessage) {
        UsageException e = assertThrows(UsageException.class, () -> SimulatorOptions.parse(args.split(" ")));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }
}
