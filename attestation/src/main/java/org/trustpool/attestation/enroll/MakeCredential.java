package org.trustpool.attestation.enroll;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
 * TPM2_MakeCredential done outside a TPM (TPM 2.0 Part 1 §24, "Credential Protection"), for the
 * default EK (RSA-2048, SHA-256 names, AES-128-CFB). The credential can be recovered only by
 * TPM2_ActivateCredential in a TPM that holds the EK's private key (to decrypt the seed) AND has
 * the key of {@code name} loaded (the HMAC covers the name): that is how the service learns that
 * the AK lives in the very TPM whose EK certificate it checked. The byte layout is checked
 * against swtpm + tpm2-tools both ways (MakeCredentialConformanceTest).
 */
public final class MakeCredential {

    public static final int BLOB_MAGIC = 0xBADCC0DE;
    public static final int BLOB_VERSION = 1;
    static final int SEED_BYTES = 32;
    /** The credential is a TPM2B_DIGEST of the name algorithm: at most 32 bytes for SHA-256. */
    public static final int MAX_CREDENTIAL = 32;

    private MakeCredential() {
    }

    /** The two structures TPM2_ActivateCredential takes. */
    public record Blob(byte[] idObject, byte[] encryptedSecret) {

        /** tpm2-tools' file: magic, version, TPM2B_ID_OBJECT, TPM2B_ENCRYPTED_SECRET. */
        public byte[] toTpm2ToolsFile() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            u32(out, BLOB_MAGIC);
            u32(out, BLOB_VERSION);
            out.writeBytes(idObject);
            out.writeBytes(encryptedSecret);
            return out.toByteArray();
        }
    }

    public static Blob make(RSAPublicKey ek, byte[] name, byte[] credential, SecureRandom random) {
        if (credential.length == 0 || credential.length > MAX_CREDENTIAL) {
            throw new IllegalArgumentException("a credential has 1.." + MAX_CREDENTIAL + " bytes");
        }
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        try {
            byte[] symKey = kdfa(seed, "STORAGE", name, new byte[0], 128);
            Cipher aes = Cipher.getInstance("AES/CFB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(symKey, "AES"), new IvParameterSpec(new byte[16]));
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            u16(plain, credential.length);
            plain.writeBytes(credential);
            byte[] encIdentity = aes.doFinal(plain.toByteArray());

            byte[] hmacKey = kdfa(seed, "INTEGRITY", new byte[0], new byte[0], 256);
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            hmac.update(encIdentity);
            hmac.update(name);
            byte[] outerHmac = hmac.doFinal();

            ByteArrayOutputStream id = new ByteArrayOutputStream();
            u16(id, 2 + outerHmac.length + encIdentity.length);
            u16(id, outerHmac.length);
            id.writeBytes(outerHmac);
            id.writeBytes(encIdentity);

            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.ENCRYPT_MODE, ek, identityOaep(), random);
            byte[] encSeed = oaep.doFinal(seed);
            ByteArrayOutputStream secret = new ByteArrayOutputStream();
            u16(secret, encSeed.length);
            secret.writeBytes(encSeed);
            return new Blob(id.toByteArray(), secret.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MakeCredential failed: " + e, e);
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }

    /** RSA-OAEP with SHA-256 and the label "IDENTITY" including its terminating zero, as the TPM decrypts the seed. */
    static OAEPParameterSpec identityOaep() {
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified("IDENTITY\0".getBytes(StandardCharsets.US_ASCII)));
    }

    /** KDFa with HMAC-SHA256 (TPM 2.0 Part 1 §11.4.10.2): counter || label || 0 || contextU || contextV || bits. */
    static byte[] kdfa(byte[] key, String label, byte[] contextU, byte[] contextV, int bits) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        int bytes = (bits + 7) / 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int counter = 1; out.size() < bytes; counter++) {
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            u32(in, counter);
            in.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
            in.write(0);
            in.writeBytes(contextU);
            in.writeBytes(contextV);
            u32(in, bits);
            out.writeBytes(hmac.doFinal(in.toByteArray()));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), bytes);
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
