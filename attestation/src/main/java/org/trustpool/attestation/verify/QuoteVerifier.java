package org.trustpool.attestation.verify;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.trustpool.attestation.tpm.MalformedStructureException;
import org.trustpool.attestation.tpm.PcrSelection;
import org.trustpool.attestation.tpm.QuoteParser;
import org.trustpool.attestation.tpm.Tpm2;
import org.trustpool.attestation.tpm.TpmsAttest;
import org.trustpool.attestation.tpm.TpmtSignature;

/**
 * Checks one TPM 2.0 quote against the challenge it answers and the attestation key (AIK)
 * registered for the host, in this order: structure, magic, type, nonce, PCR selection, PCR
 * values and digest, signature. The first check that fails gives the result; a pass means the
 * reported PCR values are the ones this host's TPM held when it answered this challenge.
 * Stateless and thread-safe.
 */
public final class QuoteVerifier {

    private static final HexFormat HEX = HexFormat.of();
    private static final int SHA256_BYTES = 32;

    public CheckResult verify(Challenge challenge, Evidence evidence, PublicKey registeredAik) {
        if (!"sha256".equalsIgnoreCase(evidence.hashAlg())) {
            return CheckResult.failed("pcr-selection", "PCR bank '" + evidence.hashAlg() + "' reported, sha256 was requested");
        }
        TpmsAttest attest;
        TpmtSignature signature;
        try {
            attest = QuoteParser.parseAttest(evidence.quote());
            signature = QuoteParser.parseSignature(evidence.signature());
        } catch (MalformedStructureException e) {
            return CheckResult.failed(e.check(), e.getMessage());
        }

        // The nonce binds the quote to this challenge: a quote recorded earlier (or taken from
        // another host's conversation) carries another extraData and is refused here.
        if (!MessageDigest.isEqual(attest.extraData(), challenge.nonce())) {
            return CheckResult.failed("nonce", "extraData " + abbreviate(attest.extraData())
                    + " is not the nonce of this challenge " + abbreviate(challenge.nonce()) + " (a replayed or foreign quote)");
        }

        // Exactly the PCRs we asked for, in the SHA-256 bank: a quote over fewer PCRs would let
        // a host leave out the one that changed; another bank would let it pick a weaker hash.
        if (attest.pcrSelections().size() != 1 || attest.pcrSelections().get(0).hashAlg() != Tpm2.TPM_ALG_SHA256
                || !attest.pcrSelections().get(0).pcrs().equals(challenge.pcrs())) {
            return CheckResult.failed("pcr-selection", "the quote selects " + describe(attest) + ", requested sha256 "
                    + challenge.pcrs());
        }

        // The values reported beside the quote are what the whitelist is checked against; the
        // TPM signed only their digest, so they must be exactly the requested PCRs ...
        SortedSet<Integer> reported = new TreeSet<>(evidence.pcrValues().keySet());
        if (!reported.equals(challenge.pcrs())) {
            return CheckResult.failed("pcr-values", "PCR values reported for " + reported + ", the quote covers "
                    + challenge.pcrs());
        }
        MessageDigest sha256 = sha256();
        for (Map.Entry<Integer, byte[]> e : evidence.pcrValues().entrySet()) {
            if (e.getValue().length != SHA256_BYTES) {
                return CheckResult.failed("pcr-values", "PCR " + e.getKey() + " reported with " + e.getValue().length
                        + " bytes, a SHA-256 PCR has " + SHA256_BYTES);
            }
            // ascending PCR order, as the TPM concatenates them (TreeMap iteration)
            sha256.update(e.getValue());
        }
        // ... and hash to the digest the TPM signed; otherwise they are not the quoted values.
        byte[] computed = sha256.digest();
        if (!MessageDigest.isEqual(computed, attest.pcrDigest())) {
            return CheckResult.failed("pcr-digest", "pcrDigest in the quote is " + HEX.formatHex(attest.pcrDigest())
                    + ", SHA-256 over the reported PCR values is " + HEX.formatHex(computed)
                    + " (the reported values are not the quoted ones)");
        }

        // Last and decisive: only the registered AIK counts (never a key sent with the answer),
        // so only the TPM whose key we registered can have produced this structure.
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(registeredAik);
            rsa.update(attest.encoded());
            if (!rsa.verify(signature.signature())) {
                return CheckResult.failed("signature", "the quote's signature does not verify with the AIK registered for"
                        + " this host (signed by another key, or the quote was altered)");
            }
        } catch (InvalidKeyException e) {
            return CheckResult.failed("signature", "the registered AIK cannot verify RSASSA signatures: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            // e.g. a signature of the wrong length for the key
            return CheckResult.failed("signature", "the quote's signature does not verify with the registered AIK: "
                    + e.getMessage());
        }
        return CheckResult.ok();
    }

    private static String describe(TpmsAttest attest) {
        if (attest.pcrSelections().isEmpty()) {
            return "no PCRs";
        }
        StringBuilder sb = new StringBuilder();
        for (PcrSelection s : attest.pcrSelections()) {
            if (sb.length() > 0) {
                sb.append(" and ");
            }
            sb.append(s.hashAlg() == Tpm2.TPM_ALG_SHA256 ? "sha256" : String.format("bank 0x%04x", s.hashAlg()))
                    .append(' ').append(s.pcrs());
        }
        return sb.toString();
    }

    private static String abbreviate(byte[] b) {
        String hex = HEX.formatHex(b);
        return hex.length() > 16 ? hex.substring(0, 16) + "..." : hex.isEmpty() ? "(empty)" : hex;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
