package org.trustpool.hostagent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

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
            "positional|unknown option"})
    void badOptionsAreRejectedWithAHelpfulMessage(String args, String expectedInMessage) {
        UsageException e = assertThrows(UsageException.class, () -> SimulatorOptions.parse(args.split(" ")));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }
}
