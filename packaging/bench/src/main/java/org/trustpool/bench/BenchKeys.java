package org.trustpool.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.trustpool.attestation.testing.SimulatedTpm;

/**
 * One RSA-2048 attestation key per stand-in host. The service binds each key to one name (a key already bound
 * to another name is refused, as it must be), so hosts cannot share keys; and the keys must be 2048 bits, or
 * the verification rate would be measured on cheaper keys than real ones. Making 10,000 of them takes minutes
 * on two cores, so they are kept between runs in a file under ~/.cache/trustpool-bench (0600; these keys sign
 * nothing but the benchmark's own quotes), made once and grown when a run needs more.
 */
final class BenchKeys {

    private BenchKeys() {
    }

    static List<KeyPair> get(int count) throws Exception {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "trustpool-bench");
        Path file = dir.resolve("aik-rsa2048.bin");
        List<KeyPair> keys = read(file);
        if (keys.size() >= count) {
            return keys.subList(0, count);
        }
        int missing = count - keys.size();
        Figures.note(String.format("making %d RSA-2048 attestation keys (kept in %s for later runs)", missing, file));
        long start = System.nanoTime();
        ExecutorService makers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), EngineFixture.daemon("keygen"));
        try {
            List<Future<KeyPair>> made = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                made.add(makers.submit(SimulatedTpm::newAik));
            }
            for (Future<KeyPair> f : made) {
                keys.add(f.get());
            }
        } finally {
            makers.shutdownNow();
        }
        Figures.note(String.format("made them in %.1f s", (System.nanoTime() - start) / 1e9));
        write(dir, file, keys);
        return keys;
    }

    private static List<KeyPair> read(Path file) {
        List<KeyPair> keys = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return keys;
        }
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            int n = data.readInt();
            for (int i = 0; i < n; i++) {
                byte[] der = new byte[data.readInt()];
                data.readFully(der);
                RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                keys.add(new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent())), priv));
            }
            return keys;
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            // a damaged cache costs only the time to make the keys again
            Figures.note("the key cache " + file + " is unreadable (" + e + "); making new keys");
            return new ArrayList<>();
        }
    }

    private static void write(Path dir, Path file, List<KeyPair> keys) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "aik", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(tmp); DataOutputStream data = new DataOutputStream(out)) {
            data.writeInt(keys.size());
            for (KeyPair k : keys) {
                byte[] der = k.getPrivate().getEncoded();
                data.writeInt(der.length);
                data.write(der);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
