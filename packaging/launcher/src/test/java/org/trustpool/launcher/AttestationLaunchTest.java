package org.trustpool.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's attestation wiring that needs no server: tokens, the simulator's features, MLE bodies. */
class AttestationLaunchTest {

    @TempDir
    Path data;

    @Test
    void tokensAreGeneratedOnceKeptPrivateAndReused() throws Exception {
        AttestationTokens first = AttestationTokens.resolve(data);
        assertEquals(AttestationTokens.LENGTH, first.admin().length());
        assertNotEquals(first.admin(), first.registration());
        Path file = data.resolve(AttestationTokens.ADMIN_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        AttestationTokens again = AttestationTokens.resolve(data);
        assertEquals(first, again, "kept across restarts, so registered agents keep working");
        assertEquals(first.admin(), again.environment().get(AttestationTokens.ADMIN_ENV));
        assertEquals(first.registration(), again.environment().get(AttestationTokens.REGISTRATION_ENV));
    }

    @Test
    void aTooShortStoredTokenIsReplaced() throws Exception {
        Files.writeString(data.resolve(AttestationTokens.REGISTRATION_FILE), "short\n");
        assertEquals(AttestationTokens.LENGTH, AttestationTokens.resolve(data).registration().length());
    }

    @Test
    void simulatorFeaturesComeFromItsHelp() {
        HostAgentFeatures old = HostAgentFeatures.parse("Usage: ...\n  --hosts N\n  --base-port P\n");
        assertFalse(old.attestation() || old.tamper() || old.printGoodPcrs());
        // a simulator that takes its token on the command line and has no EK certificates: not used for attestation
        HostAgentFeatures tokenOnCommandLine = HostAgentFeatures.parse("  --tamper NAME[,..]\n  --attestation-url U\n"
                + "  --attestation-token T\n  --print-good-pcrs\n");
        assertFalse(tokenOnCommandLine.attestation());
        HostAgentFeatures current = HostAgentFeatures.parse("  --tamper NAME[,..]\n  --attestation-url U\n"
                + "  --attestation-token-file F\n  --ek-ca-dir DIR\n  --print-good-pcrs\n");
        assertTrue(current.attestation() && current.tamper() && current.printGoodPcrs());
    }

    @Test
    void goodPcrsBecomeMleBodies() throws Exception {
        JsonNode good = new ObjectMapper().readTree("{\"bios\":{\"name\":\"TrustpoolBIOS\",\"version\":\"1.0\",\"pcrs\":{\"0\":\"aa\"}},"
                + "\"vmm\":{\"name\":\"TrustpoolVMM\",\"version\":\"1.0\",\"pcrs\":{\"17\":\"bb\"}}}");
        JsonNode vmm = AttestationSetup.mleBody("VMM", good.path("vmm"));
        assertEquals("{\"type\":\"VMM\",\"name\":\"TrustpoolVMM\",\"version\":\"1.0\",\"pcrs\":{\"17\":\"bb\"}}", vmm.toString());
    }

    @Test
    void simulatedHostNamesFollowTheSimulator() {
        assertEquals("host-04", HostAgentProcess.hostName(4));
        assertEquals("host-12", HostAgentProcess.hostName(12));
    }
}
