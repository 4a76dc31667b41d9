package org.trustpool.hostagent;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A host's TPM backed by swtpm (libtpms, a TPM 2.0 built from the TCG reference code) and driven
 * through tpm2-tools: the attestation service sees a real TPM's EK certificate, quotes and
 * credential activation, none of it made by our own code. Each agent has its own swtpm, state
 * and sockets in a 0700 directory; the TPM is manufactured on first use by {@link SwtpmLocalCa}.
 * <p>
 * Keys live in the TPM and never leave it: the EK that swtpm_setup persisted at 0x81010001, and
 * the attestation key made by {@code tpm2_createak} under it and persisted at 0x81010002, so a
 * restarted agent keeps its identity (the service has bound this AK to the host's name).
 */
public final class SwtpmTpm implements Tpm, AutoCloseable {

    /** Where the TCG EK Credential Profile (and swtpm_setup) keeps the RSA EK. */
    static final int EK_HANDLE = 0x81010001;
    static final int AK_HANDLE = 0x81010002;
    /** The NV index of the RSA-2048 EK certificate (TCG EK Credential Profile). */
    static final int EK_CERT_NV_INDEX = 0x01c00002;
    /** fixedTPM | fixedParent | sensitiveDataOrigin | restricted | sign: a key that signs only TPM-made data and never leaves. */
    static final int AK_REQUIRED_ATTRIBUTES = 0x00000002 | 0x00000010 | 0x00000020 | 0x00010000 | 0x00040000;
    private static final HexFormat HEX = HexFormat.of();

    private final SwtpmProcess swtpm;
    private final Tpm2Tools tools;
    private final byte[] ekArea;
    private final byte[] akArea;
    private final RSAPublicKey ek;
    private final RSAPublicKey ak;
    private final String ekCertificateChain;

    private SwtpmTpm(SwtpmProcess swtpm, Tpm2Tools tools, byte[] ekArea, byte[] akArea, String ekCertificateChain) {
        this.swtpm = swtpm;
        this.tools = tools;
        this.ekArea = ekArea;
        this.akArea = akArea;
        this.ek = rsaKey(ekArea);
        this.ak = rsaKey(akArea);
        this.ekCertificateChain = ekCertificateChain;
    }

    /**
     * Starts this host's swtpm in {@code stateDir} (manufactured by {@code ca} on first use), makes
     * or finds its attestation key and reads its EK certificate. The PCRs are at their power-on
     * values: the caller measures the boot.
     */
    public static SwtpmTpm start(Path stateDir, SwtpmLocalCa ca) throws IOException {
        Path dir = PrivateDir.create(stateDir);
        Path tpmState = dir.resolve("tpm");
        if (!Files.exists(tpmState.resolve("tpm2-00.permall"))) {
            PrivateDir.create(tpmState);
            ca.manufacture(tpmState);
            Log.info("swtpm: manufactured a TPM in " + tpmState + " (EK certificate by " + ca.directory() + ")");
        }
        SwtpmProcess swtpm = SwtpmProcess.start(tpmState);
        try {
            Tpm2Tools tools = new Tpm2Tools(swtpm.tcti(), dir.resolve("work"));
            byte[] ekArea = readPublic(tools, EK_HANDLE, "ek");
            if (!tools.run("tpm2_getcap", "handles-persistent").toLowerCase().contains(Tpm2Tools.handle(AK_HANDLE))) {
                createAk(tools);
            }
            byte[] akArea = readPublic(tools, AK_HANDLE, "ak");
            int attributes = ByteBuffer.wrap(akArea).getInt(4);
            if ((attributes & AK_REQUIRED_ATTRIBUTES) != AK_REQUIRED_ATTRIBUTES || (attributes & 0x00020000) != 0) {
                throw new TpmException(String.format("the key at %s is not a restricted signing key that stays in the TPM"
                        + " (attributes 0x%08x)", Tpm2Tools.handle(AK_HANDLE), attributes));
            }
            tools.run("tpm2_nvread", Tpm2Tools.handle(EK_CERT_NV_INDEX), "-o", "ekcert.der");
            String chain = Pem.encode("CERTIFICATE", Files.readAllBytes(tools.file("ekcert.der")))
                    + Files.readString(ca.issuerCertificate(), StandardCharsets.US_ASCII);
            return new SwtpmTpm(swtpm, tools, ekArea, akArea, chain);
        } catch (IOException | RuntimeException e) {
            swtpm.close();
            throw e;
        }
    }

    /** tpm2_createak under the EK (RSA-2048, RSASSA-SHA256), then persisted; no resource manager, so flush. */
    private static void createAk(Tpm2Tools tools) {
        tools.run("tpm2_createak", "-C", Tpm2Tools.handle(EK_HANDLE), "-c", "ak.ctx", "-G", "rsa", "-g", "sha256",
                "-s", "rsassa", "-u", "ak.pub", "-n", "ak.name");
        tools.run("tpm2_evictcontrol", "-C", "o", "-c", "ak.ctx", Tpm2Tools.handle(AK_HANDLE));
        tools.run("tpm2_flushcontext", "-t");
        tools.run("tpm2_flushcontext", "-s");
        Log.info("swtpm: made an attestation key at " + Tpm2Tools.handle(AK_HANDLE));
    }

    private static byte[] readPublic(Tpm2Tools tools, int handle, String name) throws IOException {
        tools.run("tpm2_readpublic", "-c", Tpm2Tools.handle(handle), "-o", name + ".tpm2b");
        return Tpm2Tools.unwrapTpm2b(Files.readAllBytes(tools.file(name + ".tpm2b")));
    }

    /**
     * The RSA public key inside a TPMT_PUBLIC (Part 2 §12.2.4): type, nameAlg, objectAttributes,
     * authPolicy, then TPMS_RSA_PARMS (symmetric, scheme, keyBits, exponent) and the modulus.
     */
    static RSAPublicKey rsaKey(byte[] area) {
        try {
            ByteBuffer b = ByteBuffer.wrap(area);
            if (b.getShort() != SoftwareTpm.TPM_ALG_RSA) {
                throw new TpmException("not an RSA key");
            }
            b.getShort();                               // nameAlg
            b.getInt();                                 // objectAttributes
            int policySize = b.getShort() & 0xffff;     // authPolicy
            b.position(b.position() + policySize);
            int symmetric = b.getShort() & 0xffff;
            if (symmetric != SoftwareTpm.TPM_ALG_NULL) {
                b.getShort();                           // keyBits
                b.getShort();                           // mode
            }
            int scheme = b.getShort() & 0xffff;
            if (scheme != SoftwareTpm.TPM_ALG_NULL) {
                b.getShort();                           // the scheme's hash
            }
            b.getShort();                               // keyBits
            long exponent = b.getInt() & 0xffffffffL;
            byte[] modulus = new byte[b.getShort() & 0xffff];
            b.get(modulus);
            if (b.hasRemaining()) {
                throw new TpmException(b.remaining() + " bytes after the modulus");
            }
            RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, modulus),
                    BigInteger.valueOf(exponent == 0 ? 65537 : exponent));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new TpmException("the TPM's public area is truncated or malformed: " + e);
        } catch (GeneralSecurityException e) {
            throw new TpmException("the TPM's RSA key cannot be read: " + e.getMessage());
        }
    }

    @Override
    public byte[] aikPublicArea() {
        return akArea.clone();
    }

    @Override
    public RSAPublicKey aikPublic() {
        return ak;
    }

    @Override
    public byte[] ekPublicArea() {
        return ekArea.clone();
    }

    @Override
    public RSAPublicKey ekPublic() {
        return ek;
    }

    @Override
    public Optional<String> ekCertificateChainPem() {
        return Optional.of(ekCertificateChain);
    }

    /**
     * tpm2_activatecredential with the EK's policy (PolicySecret on the endorsement hierarchy, the
     * EK's authPolicy). The blob and the recovered secret pass through files in the 0700 working
     * directory, never the command line, and are deleted afterwards.
     */
    @Override
    public synchronized byte[] activateCredential(byte[] blob) throws CredentialActivation.ActivationException {
        Path in = tools.file("cred.blob");
        Path out = tools.file("secret.bin");
        try {
            Files.deleteIfExists(out);
            Files.write(in, blob);
            tools.run("tpm2_startauthsession", "--policy-session", "-S", "session.ctx");
            try {
                tools.run("tpm2_policysecret", "-S", "session.ctx", "-c", "e");
                tools.run("tpm2_activatecredential", "-c", Tpm2Tools.handle(AK_HANDLE), "-C", Tpm2Tools.handle(EK_HANDLE),
                        "-i", "cred.blob", "-o", "secret.bin", "-P", "session:session.ctx");
            } finally {
                tools.run("tpm2_flushcontext", "session.ctx");
            }
            return Files.readAllBytes(out);
        } catch (TpmException e) {
            // e.g. TPM_RC_INTEGRITY: made for another EK, or bound to another key's name
            throw new CredentialActivation.ActivationException(e.getMessage());
        } catch (IOException e) {
            throw new CredentialActivation.ActivationException("working file: " + e.getMessage());
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
        }
    }

    /** PCR 17-22 belong to the dynamic launch: only localities 1-4 may extend them, which tpm2-tools cannot claim. */
    @Override
    public synchronized byte[] extend(int pcr, byte[] digest) {
        measure(pcr, digest);
        return pcr(pcr);
    }

    @Override
    public synchronized void measure(int pcr, byte[] digest) {
        if (pcr >= 17 && pcr <= 22) {
            swtpm.extendAsLaunchedEnvironment(pcr, digest);
        } else {
            tools.run("tpm2_pcrextend", Tpm2Tools.extendSpec(pcr, digest));
        }
    }

    @Override
    public synchronized byte[] pcr(int pcr) {
        Map<Integer, byte[]> values = Tpm2Tools.parseSha256Pcrs(
                tools.run("tpm2_pcrread", Tpm2Tools.pcrSelection(new java.util.TreeSet<>(java.util.Set.of(pcr)))));
        return Tpm2Tools.select(values, new java.util.TreeSet<>(java.util.Set.of(pcr))).get(pcr);
    }

    @Override
    public synchronized void dynamicLaunch(byte[] code) {
        swtpm.dynamicLaunch(code);
    }

    @Override
    public synchronized void restart() {
        swtpm.init();
        tools.run("tpm2_startup", "-c");
    }

    /**
     * tpm2_quote with the AK. The PCR values are the ones tpm2_quote printed for this quote; the
     * verifier recomputes their digest against the signed one, so a mismatch cannot go unnoticed.
     */
    @Override
    public synchronized Quote quote(byte[] nonce, SortedSet<Integer> selection) {
        if (nonce == null || nonce.length < SoftwareTpm.MIN_NONCE_BYTES || nonce.length > SoftwareTpm.MAX_NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must have " + SoftwareTpm.MIN_NONCE_BYTES + ".."
                    + SoftwareTpm.MAX_NONCE_BYTES + " bytes");
        }
        String printed = tools.run("tpm2_quote", "-c", Tpm2Tools.handle(AK_HANDLE), "-l", Tpm2Tools.pcrSelection(selection),
                "-q", HEX.formatHex(nonce), "-m", "quote.msg", "-s", "quote.sig", "-o", "quote.pcrs", "-g", "sha256");
        try {
            return new Quote(Files.readAllBytes(tools.file("quote.msg")), Files.readAllBytes(tools.file("quote.sig")),
                    java.util.Collections.unmodifiableMap(Tpm2Tools.select(Tpm2Tools.parseSha256Pcrs(printed), selection)));
        } catch (IOException e) {
            throw new TpmException("tpm2_quote wrote no quote: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "swtpm in " + swtpm.stateDir();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.info("warning: cannot delete " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        swtpm.close();
    }
}
