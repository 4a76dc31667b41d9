package org.trustpool.hostagent;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Test-side reader of TPM 2.0 structures, written from TPM 2.0 Part 2 independently of
 * {@link SoftwareTpm}, so a layout mistake there cannot hide itself here. Strict: truncated
 * input or trailing bytes are errors.
 */
final class TpmStructures {

    private TpmStructures() {
    }

    /** TPMS_ATTEST of type TPM_ST_ATTEST_QUOTE, every field. */
    record Attest(long magic, int type, byte[] qualifiedSigner, byte[] extraData, long clock, long resetCount,
                  long restartCount, int safe, long firmwareVersion, long selectionCount, int hashAlg,
                  int sizeofSelect, byte[] pcrSelect, byte[] pcrDigest) {

        SortedSet<Integer> selectedPcrs() {
            SortedSet<Integer> pcrs = new TreeSet<>();
            for (int i = 0; i < pcrSelect.length * 8; i++) {
                if ((pcrSelect[i / 8] & (1 << (i % 8))) != 0) {
                    pcrs.add(i);
                }
            }
            return pcrs;
        }

        /** The TPMS_QUOTE_INFO part as bytes (selection + digest), for byte-wise comparison. */
        byte[] quoteInfoBytes() {
            ByteBuffer b = ByteBuffer.allocate(4 + 2 + 1 + pcrSelect.length + 2 + pcrDigest.length);
            b.putInt((int) selectionCount).putShort((short) hashAlg).put((byte) sizeofSelect).put(pcrSelect)
                    .putShort((short) pcrDigest.length).put(pcrDigest);
            return b.array();
        }
    }

    /** TPMT_SIGNATURE with an RSA signature. */
    record RsaSignature(int sigAlg, int hashAlg, byte[] signature) {
    }

    static Attest parseAttest(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes); // big-endian by default, like the TPM
        try {
            long magic = Integer.toUnsignedLong(b.getInt());
            int type = Short.toUnsignedInt(b.getShort());
            byte[] signer = sized(b);
            byte[] extra = sized(b);
            long clock = b.getLong();
            long reset = Integer.toUnsignedLong(b.getInt());
            long restart = Integer.toUnsignedLong(b.getInt());
            int safe = Byte.toUnsignedInt(b.get());
            long firmware = b.getLong();
            long count = Integer.toUnsignedLong(b.getInt());
            if (count != 1) {
                throw new IllegalArgumentException("expected one PCR bank, got " + count);
            }
            int hash = Short.toUnsignedInt(b.getShort());
            int sizeofSelect = Byte.toUnsignedInt(b.get());
            byte[] select = new byte[sizeofSelect];
            b.get(select);
            byte[] digest = sized(b);
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " trailing bytes");
            }
            return new Attest(magic, type, signer, extra, clock, reset, restart, safe, firmware, count, hash,
                    sizeofSelect, select, digest);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated TPMS_ATTEST");
        }
    }

    static RsaSignature parseSignature(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            int alg = Short.toUnsignedInt(b.getShort());
            int hash = Short.toUnsignedInt(b.getShort());
            byte[] sig = sized(b);
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " trailing bytes");
            }
            return new RsaSignature(alg, hash, sig);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated TPMT_SIGNATURE");
        }
    }

    private static byte[] sized(ByteBuffer b) {
        int size = Short.toUnsignedInt(b.getShort());
        byte[] out = new byte[size];
        b.get(out);
        return out;
    }

    // ---- tpm2-tools' PCR file (tpm2_quote -o, default "values" format) --------------------
    //
    // Observed with tpm2-tools 5.4 and swtpm: the C structs written with fwrite, so host byte
    // order (little-endian here) and C padding:
    //   TPML_PCR_SELECTION: UINT32 count; TPMS_PCR_SELECTION[16] of {UINT16 hash; UINT8 sizeofSelect;
    //                       UINT8 pcrSelect[4]; 1 pad byte}                          = 132 bytes
    //   UINT32 n, then n x TPML_DIGEST: UINT32 count; TPM2B_DIGEST[8] of {UINT16 size; BYTE[64]} = 532 bytes
    // The digests follow the selection in ascending PCR order, up to 8 per TPML_DIGEST.

    static final int NUM_BANKS = 16;
    static final int SELECT_MAX = 4;
    static final int DIGESTS_PER_LIST = 8;
    static final int DIGEST_BUFFER = 64;

    static byte[] toolsPcrFile(Map<Integer, byte[]> pcrValues) {
        List<byte[]> values = new ArrayList<>(new java.util.TreeMap<>(pcrValues).values());
        int lists = (values.size() + DIGESTS_PER_LIST - 1) / DIGESTS_PER_LIST;
        ByteBuffer b = ByteBuffer.allocate(4 + NUM_BANKS * 8 + 4 + lists * (4 + DIGESTS_PER_LIST * (2 + DIGEST_BUFFER)))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1);
        b.putShort((short) SoftwareTpm.TPM_ALG_SHA256).put((byte) 3);
        byte[] select = new byte[SELECT_MAX];
        for (int pcr : pcrValues.keySet()) {
            select[pcr / 8] |= (byte) (1 << (pcr % 8));
        }
        b.put(select).put((byte) 0);
        b.position(4 + NUM_BANKS * 8); // the other 15 banks stay zero
        b.putInt(lists);
        for (int l = 0; l < lists; l++) {
            int start = b.position();
            List<byte[]> chunk = values.subList(l * DIGESTS_PER_LIST, Math.min(values.size(), (l + 1) * DIGESTS_PER_LIST));
            b.putInt(chunk.size());
            for (byte[] v : chunk) {
                int slot = b.position();
                b.putShort((short) v.length).put(v);
                b.position(slot + 2 + DIGEST_BUFFER);
            }
            b.position(start + 4 + DIGESTS_PER_LIST * (2 + DIGEST_BUFFER));
        }
        return b.array();
    }

    /** Reads the same format back: PCR index -> value, in selection order. */
    static Map<Integer, byte[]> readToolsPcrFile(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int banks = b.getInt();
        if (banks != 1) {
            throw new IllegalArgumentException("expected one bank, got " + banks);
        }
        int hash = Short.toUnsignedInt(b.getShort());
        int size = Byte.toUnsignedInt(b.get());
        if (hash != SoftwareTpm.TPM_ALG_SHA256 || size > SELECT_MAX) {
            throw new IllegalArgumentException("unexpected bank " + hash + "/" + size);
        }
        byte[] select = new byte[size];
        b.get(select);
        List<Integer> pcrs = new ArrayList<>();
        for (int i = 0; i < size * 8; i++) {
            if ((select[i / 8] & (1 << (i % 8))) != 0) {
                pcrs.add(i);
            }
        }
        b.position(4 + NUM_BANKS * 8);
        int lists = b.getInt();
        Map<Integer, byte[]> out = new java.util.TreeMap<>();
        int next = 0;
        for (int l = 0; l < lists; l++) {
            int start = b.position();
            int count = b.getInt();
            for (int d = 0; d < count; d++) {
                int slot = b.position();
                int len = Short.toUnsignedInt(b.getShort());
                byte[] v = new byte[len];
                b.get(v);
                out.put(pcrs.get(next++), v);
                b.position(slot + 2 + DIGEST_BUFFER);
            }
            b.position(start + 4 + DIGESTS_PER_LIST * (2 + DIGEST_BUFFER));
        }
        if (next != pcrs.size() || b.hasRemaining()) {
            throw new IllegalArgumentException("PCR file holds " + next + " values for " + pcrs.size() + " PCRs");
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
