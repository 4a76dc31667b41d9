package org.trustpool.attestation.tpm;

/**
 * Big-endian reader over a TPM marshalled structure. Every read is checked against what
 * remains, so a length field can never make us read past the end or allocate what the sender
 * asks for: the structure comes from a host we do not trust yet.
 */
final class TpmReader {

    private final byte[] data;
    private final String structure;
    private int offset;

    TpmReader(byte[] data, String structure) {
        this.data = data;
        this.structure = structure;
    }

    int offset() {
        return offset;
    }

    int remaining() {
        return data.length - offset;
    }

    int uint8(String field) throws MalformedStructureException {
        need(1, field);
        return data[offset++] & 0xff;
    }

    int uint16(String field) throws MalformedStructureException {
        need(2, field);
        int v = (data[offset] & 0xff) << 8 | data[offset + 1] & 0xff;
        offset += 2;
        return v;
    }

    long uint32(String field) throws MalformedStructureException {
        need(4, field);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | data[offset + i] & 0xff;
        }
        offset += 4;
        return v;
    }

    long uint64(String field) throws MalformedStructureException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | data[offset + i] & 0xff;
        }
        offset += 8;
        return v;
    }

    byte[] bytes(int n, String field) throws MalformedStructureException {
        need(n, field);
        byte[] v = java.util.Arrays.copyOfRange(data, offset, offset + n);
        offset += n;
        return v;
    }

    /** A TPM2B: UINT16 size, then that many bytes; a size above {@code max} is refused before reading. */
    byte[] sized(String field, int max) throws MalformedStructureException {
        int size = uint16(field + ".size");
        if (size > max) {
            throw new MalformedStructureException(structure + ": " + field + " claims " + size + " bytes, at most " + max
                    + " are allowed");
        }
        return bytes(size, field);
    }

    /** The structure must end exactly here: trailing bytes would be data the signature covers but we never looked at. */
    void end() throws MalformedStructureException {
        if (remaining() != 0) {
            throw new MalformedStructureException(structure + ": " + remaining() + " trailing bytes after offset " + offset);
        }
    }

    private void need(int n, String field) throws MalformedStructureException {
        if (n < 0 || remaining() < n) {
            throw new MalformedStructureException(structure + " truncated: " + field + " needs " + n + " bytes at offset "
                    + offset + ", " + remaining() + " remain");
        }
    }
}
