package org.trustpool.hostagent;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TPM's side of credential protection (TPM 2.0 Part 1 §24) for the default EK: RSA-OAEP
 * (SHA-256, label "IDENTITY\0") unwraps the seed, KDFa derives the HMAC and AES-128-CFB keys.
 * The byte layout is tpm2-tools' and is checked against {@code tpm2_makecredential} in
 * TpmConformanceTest.
 */
public final class CredentialActivation {

    static final int BLOB_MAGIC = 0xBADCC0DE;
    static final int MAX_PART = 1024;

    /** TPM_RC_INTEGRITY and friends: the blob was not made for this TPM (or was altered). */
    public static final class ActivationException extends Exception {
        public ActivationException(String message) {
            super(message);
        }
    }

    private CredentialActivation() {
    }

    static byte[] activate(PrivateKey ek, byte[] akName, byte[] blob) throws ActivationException {
        ByteBuffer in = ByteBuffer.wrap(blob == null ? new byte[0] : blob);
        try {
            if (in.getInt() != BLOB_MAGIC || in.getInt() != 1) {
                throw new ActivationException("not a credential blob (magic 0xBADCC0DE, version 1)");
            }
            ByteBuffer idObject = ByteBuffer.wrap(sized(in));
            byte[] encSeed = sized(in);
            if (in.hasRemaining()) {
                throw new ActivationException("trailing bytes after the credential blob");
            }
            byte[] outerHmac = sized(idObject);
            byte[] encIdentity = new byte[idObject.remaining()];
            idObject.get(encIdentity);

            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.DECRYPT_MODE, ek, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    new PSource.PSpecified("IDENTITY\0".getBytes(StandardCharsets.US_ASCII))));
            byte[] seed;
            try {
                seed = oaep.doFinal(encSeed);
            } catch (GeneralSecurityException e) {
                throw new ActivationException("the seed was not encrypted to this TPM's EK (TPM_RC_VALUE)");
            }
            byte[] hmacKey = kdfa(seed, "INTEGRITY", new byte[0], 256);
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            hmac.update(encIdentity);
            hmac.update(akName);
            if (!MessageDigest.isEqual(hmac.doFinal(), outerHmac)) {
                throw new ActivationException("the credential is bound to another key than this TPM's AK (TPM_RC_INTEGRITY)");
            }
            Cipher aes = Cipher.getInstance("AES/CFB/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kdfa(seed, "STORAGE", akName, 128), "AES"),
                    new IvParameterSpec(new byte[16]));
            ByteBuffer plain = ByteBuffer.wrap(aes.doFinal(encIdentity));
            byte[] credential = sized(plain);
            if (plain.hasRemaining()) {
                throw new ActivationException("trailing bytes after the credential");
            }
            return credential;
        } catch (java.nio.BufferUnderflowException e) {
            throw new ActivationException("truncated credential blob");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential activation failed: " + e, e);
        }
    }

    private static byte[] sized(ByteBuffer in) throws ActivationException {
        int size = in.getShort() & 0xffff;
        if (size > MAX_PART || size > in.remaining()) {
            throw new ActivationException("a size field of the credential blob claims " + size + " bytes");
        }
        byte[] b = new byte[size];
        in.get(b);
        return b;
    }

    /** KDFa with HMAC-SHA256: counter || label || 0 || contextU || (empty contextV) || bits. */
    static byte[] kdfa(byte[] key, String label, byte[] contextU, int bits) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        int bytes = bits / 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int counter = 1; out.size() < bytes; counter++) {
            ByteBuffer in = ByteBuffer.allocate(4 + label.length() + 1 + contextU.length + 4);
            in.putInt(counter).put(label.getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put(contextU).putInt(bits);
            out.writeBytes(hmac.doFinal(in.array()));
        }
        return Arrays.copyOf(out.toByteArray(), bytes);
    }
}
