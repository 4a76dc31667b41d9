package org.trustpool.hostagent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * TPM2_MakeCredential as a verifier does it (the service's own lives in the attestation module,
 * which this one does not depend on): for tests that play the service. TpmConformanceTest checks
 * our activation against tpm2_makecredential as well, so this is not the only judge.
 */
final class VerifierSide {

    private VerifierSide() {
    }

    static byte[] makeCredential(RSAPublicKey ek, byte[] name, byte[] credential) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        Cipher aes = Cipher.getInstance("AES/CFB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(CredentialActivation.kdfa(seed, "STORAGE", name, 128), "AES"),
                new IvParameterSpec(new byte[16]));
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.write(credential.length >>> 8);
        plain.write(credential.length);
        plain.writeBytes(credential);
        byte[] encIdentity = aes.doFinal(plain.toByteArray());
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(CredentialActivation.kdfa(seed, "INTEGRITY", new byte[0], 256), "HmacSHA256"));
        hmac.update(encIdentity);
        hmac.update(name);
        byte[] outer = hmac.doFinal();
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.ENCRYPT_MODE, ek, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified("IDENTITY\0".getBytes(StandardCharsets.US_ASCII))), random);
        byte[] encSeed = oaep.doFinal(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 0xBADCC0DE);
        u32(out, 1);
        u16(out, 2 + outer.length + encIdentity.length);
        u16(out, outer.length);
        out.writeBytes(outer);
        out.writeBytes(encIdentity);
        u16(out, encSeed.length);
        out.writeBytes(encSeed);
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        u16(out, v >>> 16);
        u16(out, v);
    }
}
