package org.trustpool.hostagent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Our TPM2_ActivateCredential against the real thing's MakeCredential: {@code tpm2_makecredential
 * -T none} (tpm2-tools' own software implementation, the one keylime-style verifiers use) wraps
 * a secret for our EK's public area (as a TPM2B_PUBLIC file) and our AK's name; our software TPM
 * must recover it, and must not when the name is another key's. Needs tpm2-tools (see {@link Tools}).
 */
class CredentialConformanceTest {

    @Test
    void aBlobFromTpm2MakecredentialIsActivatedByOurTpm(@TempDir Path dir) throws Exception {
        Tools.require(List.of("tpm2_makecredential"));
        SoftwareTpm tpm = new SoftwareTpm(AikStore.generate());
        byte[] secret = "secret made by tpm2-tools 32 b.!".getBytes(StandardCharsets.US_ASCII);
        byte[] blob = makecredential(dir, tpm, tpm.aikName(), secret);
        assertEquals(0xBADCC0DE, java.nio.ByteBuffer.wrap(blob).getInt(), "tpm2-tools' credential file");
        assertArrayEquals(secret, tpm.activateCredential(blob));

        // bound to another AK's name: our TPM refuses, as a real one does (TPM_RC_INTEGRITY)
        SoftwareTpm other = new SoftwareTpm(AikStore.generate());
        byte[] relayed = makecredential(dir, tpm, other.aikName(), secret);
        assertThrows(CredentialActivation.ActivationException.class, () -> tpm.activateCredential(relayed));
    }

    private static byte[] makecredential(Path dir, SoftwareTpm tpm, byte[] name, byte[] secret) throws Exception {
        byte[] area = tpm.ekPublicArea();
        byte[] tpm2b = new byte[area.length + 2];
        tpm2b[0] = (byte) (area.length >>> 8);
        tpm2b[1] = (byte) area.length;
        System.arraycopy(area, 0, tpm2b, 2, area.length);
        Path ek = Files.write(dir.resolve("ek.pub"), tpm2b);
        Path secretFile = Files.write(dir.resolve("secret.bin"), secret);
        Path out = dir.resolve("cred.blob");
        Files.deleteIfExists(out);
        Process p = new ProcessBuilder("tpm2_makecredential", "-T", "none", "-e", ek.toString(), "-s", secretFile.toString(),
                "-n", HexFormat.of().formatHex(name), "-o", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), "tpm2_makecredential: " + output);
        return Files.readAllBytes(out);
    }
}
