package org.trustpool.attestation.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TPM's keys as tests need them: public areas (TPMT_PUBLIC) of AKs and EKs, marshalled as a
 * TPM does, and the TPM's side of credential activation (the service only makes credentials).
 * The EK template and AK attributes are those of tpm2_createek / tpm2_createak; the conformance
 * test compares them with swtpm's.
 */
public final class TestTpmKeys {

    public static final int AK_ATTRIBUTES = 0x00050072;
    public static final int EK_ATTRIBUTES = 0x000300B2;
    static final byte[] EK_POLICY = HexFormat.of().parseHex("837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa");

    private TestTpmKeys() {
    }

    public static byte[] akArea(RSAPublicKey key) {
        return akArea(key, AK_ATTRIBUTES);
    }

    public static byte[] akArea(RSAPublicKey key, int attributes) {
        ByteBuffer b = ByteBuffer.allocate(1024);
        b.putShort((short) 0x0001).putShort((short) 0x000b).putInt(attributes).putShort((short) 0);
        b.putShort((short) 0x0010);                          // symmetric NULL
        b.putShort((short) 0x0014).putShort((short) 0x000b); // RSASSA, SHA-256
        tail(b, key);
        return Arrays.copyOf(b.array(), b.position());
    }

    public static byte[] ekArea(RSAPublicKey key) {
        ByteBuffer b = ByteBuffer.allocate(1024);
        b.putShort((short) 0x0001).putShort((short) 0x000b).putInt(EK_ATTRIBUTES);
        b.putShort((short) EK_POLICY.length).put(EK_POLICY);
        b.putShort((short) 0x0006).putShort((short) 128).putShort((short) 0x0043); // AES-128-CFB
        b.putShort((short) 0x0010);                                                  // scheme NULL
        tail(b, key);
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void tail(ByteBuffer b, RSAPublicKey key) {
        b.putShort((short) key.getModulus().bitLength());
        b.putInt(key.getPublicExponent().equals(BigInteger.valueOf(65537)) ? 0 : key.getPublicExponent().intValueExact());
        byte[] m = key.getModulus().toByteArray();
        int len = key.getModulus().bitLength() / 8;
        byte[] modulus = new byte[len];
        System.arraycopy(m, m.length - len, modulus, 0, len);
        b.putShort((short) len).put(modulus);
    }

    public static byte[] name(byte[] area) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(area);
        byte[] n = new byte[34];
        n[1] = 0x0b;
        System.arraycopy(d, 0, n, 2, 32);
        return n;
    }

    /** TPM2_ActivateCredential (tpm2-tools' file) with this EK private key and the name of the AK "loaded". */
    public static byte[] activate(PrivateKey ek, byte[] akName, byte[] file) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(file);
        if (in.getInt() != 0xBADCC0DE || in.getInt() != 1) {
            throw new IllegalArgumentException("not a credential file");
        }
        ByteBuffer id = ByteBuffer.wrap(sized(in));
        byte[] encSeed = sized(in);
        byte[] hmac = sized(id);
        byte[] encIdentity = new byte[id.remaining()];
        id.get(encIdentity);
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.DECRYPT_MODE, ek, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified("IDENTITY\0".getBytes(StandardCharsets.US_ASCII))));
        byte[] seed = oaep.doFinal(encSeed);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(kdfa(seed, "INTEGRITY", new byte[0], 256), "HmacSHA256"));
        mac.update(encIdentity);
        mac.update(akName);
        if (!MessageDigest.isEqual(mac.doFinal(), hmac)) {
            throw new SecurityException("TPM_RC_INTEGRITY");
        }
        Cipher aes = Cipher.getInstance("AES/CFB/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kdfa(seed, "STORAGE", akName, 128), "AES"), new IvParameterSpec(new byte[16]));
        return sized(ByteBuffer.wrap(aes.doFinal(encIdentity)));
    }

    private static byte[] sized(ByteBuffer in) {
        byte[] b = new byte[in.getShort() & 0xffff];
        in.get(b);
        return b;
    }

    private static byte[] kdfa(byte[] key, String label, byte[] u, int bits) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; out.size() < bits / 8; i++) {
            ByteBuffer b = ByteBuffer.allocate(4 + label.length() + 1 + u.length + 4);
            b.putInt(i).put(label.getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put(u).putInt(bits);
            out.writeBytes(mac.doFinal(b.array()));
        }
        return Arrays.copyOf(out.toByteArray(), bits / 8);
    }

    /** A TPM of tests: an AK and an EK. */
    public record Tpm(KeyPair ak, KeyPair ek) {

        public static Tpm fresh() {
            return new Tpm(SimulatedTpm.newAik(), SimulatedTpm.newAik());
        }

        public byte[] akArea() {
            return TestTpmKeys.akArea((RSAPublicKey) ak.getPublic());
        }

        public byte[] ekArea() {
            return TestTpmKeys.ekArea((RSAPublicKey) ek.getPublic());
        }

        /** What this TPM's ActivateCredential gives for a blob (its own EK, its own AK loaded). */
        public byte[] activate(byte[] blob) throws Exception {
            return TestTpmKeys.activate(ek.getPrivate(), name(akArea()), blob);
        }
    }
}
