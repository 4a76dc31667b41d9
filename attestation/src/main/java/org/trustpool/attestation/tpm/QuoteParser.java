package org.trustpool.attestation.tpm;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads TPMS_ATTEST (quote) and TPMT_SIGNATURE as TPM 2.0 Part 2 marshals them: big-endian,
 * sizes before contents. Defensive throughout: every length is checked against what remains
 * and against the largest value the specification allows, and trailing bytes are refused.
 * Any problem is a {@link MalformedStructureException} with a reason; nothing else escapes.
 */
public final class QuoteParser {

    private QuoteParser() {
    }

    public static TpmsAttest parseAttest(byte[] bytes) throws MalformedStructureException {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedStructureException("TPMS_ATTEST is empty");
        }
        if (bytes.length > Tpm2.MAX_ATTEST) {
            throw new MalformedStructureException("TPMS_ATTEST of " + bytes.length + " bytes, at most " + Tpm2.MAX_ATTEST
                    + " are allowed");
        }
        TpmReader r = new TpmReader(bytes, "TPMS_ATTEST");
        long magic = r.uint32("magic");
        // Only the TPM writes TPM_GENERATED_VALUE in front of what it signs with a restricted
        // key, and it refuses to sign outside data that starts with it: without it, the
        // "quote" may be any data the attestation key was made to sign.
        if (magic != Tpm2.TPM_GENERATED_VALUE) {
            throw new MalformedStructureException("magic", String.format(
                    "magic 0x%08x is not TPM_GENERATED_VALUE 0x%08x: not a structure the TPM generated", magic,
                    Tpm2.TPM_GENERATED_VALUE));
        }
        int type = r.uint16("type");
        // Another attestation type (certify, time, ...) would be signed by the same key but
        // does not attest PCRs: its union would be misread as a quote.
        if (type != Tpm2.TPM_ST_ATTEST_QUOTE) {
            throw new MalformedStructureException("type", String.format(
                    "type 0x%04x is not TPM_ST_ATTEST_QUOTE 0x%04x", type, Tpm2.TPM_ST_ATTEST_QUOTE));
        }
        byte[] qualifiedSigner = r.sized("qualifiedSigner", Tpm2.MAX_NAME);
        byte[] extraData = r.sized("extraData", Tpm2.MAX_DATA);
        long clock = r.uint64("clockInfo.clock");
        long resetCount = r.uint32("clockInfo.resetCount");
        long restartCount = r.uint32("clockInfo.restartCount");
        int safe = r.uint8("clockInfo.safe");
        if (safe > 1) {
            throw new MalformedStructureException("TPMS_ATTEST: clockInfo.safe is " + safe + ", a TPMI_YES_NO is 0 or 1");
        }
        long firmwareVersion = r.uint64("firmwareVersion");

        long count = r.uint32("pcrSelect.count");
        if (count > Tpm2.MAX_PCR_BANKS) {
            throw new MalformedStructureException("TPMS_ATTEST: pcrSelect.count " + count + " exceeds " + Tpm2.MAX_PCR_BANKS);
        }
        List<PcrSelection> selections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int hashAlg = r.uint16("pcrSelections[" + i + "].hash");
            int sizeofSelect = r.uint8("pcrSelections[" + i + "].sizeofSelect");
            if (sizeofSelect > Tpm2.MAX_PCR_SELECT) {
                throw new MalformedStructureException("TPMS_ATTEST: pcrSelections[" + i + "].sizeofSelect " + sizeofSelect
                        + " exceeds " + Tpm2.MAX_PCR_SELECT);
            }
            byte[] bitmap = r.bytes(sizeofSelect, "pcrSelections[" + i + "].pcrSelect");
            SortedSet<Integer> pcrs = new TreeSet<>();
            for (int pcr = 0; pcr < sizeofSelect * 8; pcr++) {
                if ((bitmap[pcr / 8] >> (pcr % 8) & 1) != 0) {
                    pcrs.add(pcr);
                }
            }
            selections.add(new PcrSelection(hashAlg, java.util.Collections.unmodifiableSortedSet(pcrs)));
        }
        byte[] pcrDigest = r.sized("pcrDigest", Tpm2.MAX_DIGEST);
        r.end();
        return new TpmsAttest(magic, type, qualifiedSigner, extraData, clock, resetCount, restartCount, safe == 1,
                firmwareVersion, List.copyOf(selections), pcrDigest, bytes.clone());
    }

    /** TPMT_SIGNATURE; only RSASSA with SHA-256 is accepted, the one scheme the contract uses. */
    public static TpmtSignature parseSignature(byte[] bytes) throws MalformedStructureException {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedStructureException("signature-format", "TPMT_SIGNATURE is empty");
        }
        TpmReader r = new TpmReader(bytes, "TPMT_SIGNATURE");
        try {
            int sigAlg = r.uint16("sigAlg");
            if (sigAlg != Tpm2.TPM_ALG_RSASSA) {
                throw new MalformedStructureException("signature-format", String.format(
                        "signature algorithm 0x%04x is not TPM_ALG_RSASSA 0x%04x", sigAlg, Tpm2.TPM_ALG_RSASSA));
            }
            int hashAlg = r.uint16("hash");
            if (hashAlg != Tpm2.TPM_ALG_SHA256) {
                throw new MalformedStructureException("signature-format", String.format(
                        "signature hash 0x%04x is not TPM_ALG_SHA256 0x%04x", hashAlg, Tpm2.TPM_ALG_SHA256));
            }
            byte[] sig = r.sized("sig", Tpm2.MAX_RSA_SIGNATURE);
            r.end();
            return new TpmtSignature(sigAlg, hashAlg, sig);
        } catch (MalformedStructureException e) {
            throw e.check().equals("structure") ? new MalformedStructureException("signature-format", e.getMessage()) : e;
        }
    }
}
