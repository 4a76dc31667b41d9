package org.trustpool.hostagent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Keeps each host's attestation key in {@code <dir>/<name>-aik.pkcs8} (private, PEM PKCS#8,
 * owner-only) and {@code <dir>/<name>-aik.pub} (PEM SubjectPublicKeyInfo). The verifier knows a
 * host by the AIK it registered, so a restarted host must present the same key; without a
 * data dir every start gets a fresh key (see {@link #generate()}).
 */
public final class AikStore {

    static final String PRIVATE_SUFFIX = "-aik.pkcs8";
    static final String PUBLIC_SUFFIX = "-aik.pub";

    private final Path dir;
    private final String privateSuffix;
    private final String publicSuffix;

    public AikStore(Path dir) {
        this(dir, PRIVATE_SUFFIX, PUBLIC_SUFFIX);
    }

    private AikStore(Path dir, String privateSuffix, String publicSuffix) {
        this.dir = dir;
        this.privateSuffix = privateSuffix;
        this.publicSuffix = publicSuffix;
    }

    /**
     * The same kind of store for each simulated TPM's endorsement key ({@code <name>-ek.pkcs8} +
     * {@code .pub}): the attestation service binds a host name to its EK, so a restarted TPM must
     * keep it, as a real one keeps its EK seed across reboots.
     */
    public static AikStore forEndorsementKeys(Path dir) {
        return new AikStore(dir, "-ek.pkcs8", "-ek.pub");
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-2048 is mandatory in every Java runtime", e);
        }
    }

    /**
     * The private key file is the identity; the public file is derived from it (and rewritten if
     * it is missing). A public file that does not match the private key is refused rather than
     * silently repaired: it means someone swapped one of the two.
     */
    public KeyPair loadOrCreate(String hostName) throws IOException {
        Path privateFile = dir.resolve(hostName + privateSuffix);
        Path publicFile = dir.resolve(hostName + publicSuffix);
        if (!Files.exists(privateFile)) {
            if (Files.exists(publicFile)) {
                throw new IOException(publicFile + " exists without its private key " + privateFile
                        + "; refusing to invent a new AIK for a known host");
            }
            KeyPair pair = generate();
            Files.createDirectories(dir);
            // Private first: a crash in between leaves a state we can recover from (see above).
            write(privateFile, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            write(publicFile, Pem.publicKey(pair.getPublic()), false);
            return pair;
        }
        KeyPair pair = load(privateFile);
        if (Files.exists(publicFile)) {
            byte[] stored;
            try {
                stored = Pem.decode("PUBLIC KEY", Files.readString(publicFile, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IOException(publicFile + ": not a PEM public key");
            }
            if (!Arrays.equals(stored, pair.getPublic().getEncoded())) {
                throw new IOException(publicFile + " does not match " + privateFile);
            }
        } else {
            write(publicFile, Pem.publicKey(pair.getPublic()), false);
        }
        return pair;
    }

    private static KeyPair load(Path privateFile) throws IOException {
        try {
            byte[] der = Pem.decode("PRIVATE KEY", Files.readString(privateFile, StandardCharsets.US_ASCII));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof RSAPrivateCrtKey crt) || crt.getModulus().bitLength() != 2048) {
                throw new IOException(privateFile + ": not an RSA-2048 private key");
            }
            PublicKey pub = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            // Normalise through X.509 so the encoding matches what we write and compare.
            pub = rsa.generatePublic(new X509EncodedKeySpec(pub.getEncoded()));
            return new KeyPair(pub, key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(privateFile + ": unreadable AIK private key (" + e.getMessage() + ")");
        }
    }

    /** Write then rename, so a crash never leaves half a key behind; private keys are owner-only from birth. */
    private void write(Path file, String text, boolean secret) throws IOException {
        Path tmp = secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
