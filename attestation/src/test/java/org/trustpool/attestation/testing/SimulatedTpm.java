package org.trustpool.attestation.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

import org.trustpool.attestation.verify.Evidence;

/**
 * A TPM 2.0 stand-in for tests, built from the contract with java.security: a SHA-256 PCR
 * bank, an RSA attestation key, and quotes marshalled as TPM 2.0 Part 2 lays out TPMS_ATTEST
 * and TPMT_SIGNATURE. The pieces are public so a test can build a quote that is wrong in one
 * chosen way.
 */
public final class SimulatedTpm {

    private final KeyPair aik;
    private final SortedMap<Integer, byte[]> pcrs = new TreeMap<>();

    public SimulatedTpm(KeyPair aik) {
        this.aik = aik;
        for (int i = 0; i < 24; i++) {
            // PCR 17-22 start at all-ones without a dynamic launch, the rest at zero, as in a real TPM
            byte[] v = new byte[32];
            if (i >= 17 && i <= 22) {
                java.util.Arrays.fill(v, (byte) 0xff);
            }
            pcrs.put(i, v);
        }
    }

    public static KeyPair newAik() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAPublicKey aikPublic() {
        return (RSAPublicKey) aik.getPublic();
    }

    public KeyPair aik() {
        return aik;
    }

    /** PCR := SHA-256(PCR || measurement), as TPM2_PCR_Extend. */
    public SimulatedTpm extend(int pcr, byte[] measurement) {
        MessageDigest d = sha256();
        d.update(pcrs.get(pcr));
        d.update(measurement);
        pcrs.put(pcr, d.digest());
        return this;
    }

    public SimulatedTpm extend(int pcr, String component) {
        return extend(pcr, sha256().digest(component.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public byte[] pcr(int index) {
        return pcrs.get(index).clone();
    }

    public String pcrHex(int index) {
        return HexFormat.of().formatHex(pcrs.get(index));
    }

    public SortedMap<Integer, byte[]> values(SortedSet<Integer> selection) {
        SortedMap<Integer, byte[]> m = new TreeMap<>();
        selection.forEach(i -> m.put(i, pcrs.get(i).clone()));
        return m;
    }

    /** A genuine quote: the evidence an honest agent sends for this challenge. */
    public Evidence quote(byte[] nonce, SortedSet<Integer> selection) {
        SortedMap<Integer, byte[]> values = values(selection);
        byte[] attest = attest(nonce, selection, digest(values));
        return new Evidence(attest, signature(aik, attest), values, "sha256");
    }

    /** The Host.getQuote JSON-RPC result an agent sends (aikPublicPem included, which the verifier must ignore). */
    public Map<String, Object> quoteResult(byte[] nonce, SortedSet<Integer> selection) {
        Evidence e = quote(nonce, selection);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("quote", Base64.getEncoder().encodeToString(e.quote()));
        result.put("signature", Base64.getEncoder().encodeToString(e.signature()));
        Map<String, String> values = new LinkedHashMap<>();
        e.pcrValues().forEach((k, v) -> values.put(k.toString(), HexFormat.of().formatHex(v)));
        result.put("pcrValues", values);
        result.put("hashAlg", "sha256");
        result.put("aikPublicPem", org.trustpool.attestation.verify.Aik.toPem(aik.getPublic()));
        return result;
    }

    public static byte[] digest(SortedMap<Integer, byte[]> values) {
        MessageDigest d = sha256();
        values.values().forEach(d::update);
        return d.digest();
    }

    /** TPMS_ATTEST of type TPM_ST_ATTEST_QUOTE with one SHA-256 selection. */
    public static byte[] attest(byte[] nonce, SortedSet<Integer> selection, byte[] pcrDigest) {
        return attest(0xff544347L, 0x8018, nonce, 0x000b, selection, 3, pcrDigest);
    }

    public static byte[] attest(long magic, int type, byte[] nonce, int bank, SortedSet<Integer> selection, int sizeofSelect,
                                byte[] pcrDigest) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt((int) magic);
            out.writeShort(type);
            // qualifiedSigner: a TPM2B_NAME (nameAlg sha256 + digest)
            out.writeShort(34);
            out.writeShort(0x000b);
            out.write(new byte[32]);
            out.writeShort(nonce.length);
            out.write(nonce);
            // clockInfo: clock, resetCount, restartCount, safe
            out.writeLong(123456789L);
            out.writeInt(7);
            out.writeInt(1);
            out.writeByte(1);
            out.writeLong(0x2000_0000_0001L);
            // TPML_PCR_SELECTION
            out.writeInt(1);
            out.writeShort(bank);
            out.writeByte(sizeofSelect);
            byte[] bitmap = new byte[sizeofSelect];
            for (int pcr : selection) {
                bitmap[pcr / 8] |= (byte) (1 << (pcr % 8));
            }
            out.write(bitmap);
            out.writeShort(pcrDigest.length);
            out.write(pcrDigest);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TPMT_SIGNATURE: RSASSA, SHA-256, TPM2B_PUBLIC_KEY_RSA with RSASSA-PKCS1-v1_5/SHA-256 over the attest bytes. */
    public static byte[] signature(KeyPair key, byte[] attest) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key.getPrivate());
            s.update(attest);
            byte[] sig = s.sign();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeShort(0x0014);
            out.writeShort(0x000b);
            out.writeShort(sig.length);
            out.write(sig);
            return bytes.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
