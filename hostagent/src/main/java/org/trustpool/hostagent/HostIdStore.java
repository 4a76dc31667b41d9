package org.trustpool.hostagent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;

/**
 * Keeps each host's id in {@code <dir>/<name>.properties} so a restarted simulator presents
 * the same hosts to the engine (which knows hosts by id).
 */
public final class HostIdStore {

    static final String KEY = "hostId";

    private final Path dir;

    public HostIdStore(Path dir) {
        this.dir = dir;
    }

    public UUID loadOrCreate(String hostName) throws IOException {
        Path file = dir.resolve(hostName + ".properties");
        if (Files.exists(file)) {
            return load(file);
        }
        UUID id = UUID.randomUUID();
        store(file, id);
        return id;
    }

    private static UUID load(Path file) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        String value = props.getProperty(KEY);
        try {
            return UUID.fromString(value == null ? "" : value.trim());
        } catch (IllegalArgumentException e) {
            // Refuse rather than silently invent a new identity for a known host.
            throw new IOException(file + ": no valid '" + KEY + "'");
        }
    }

    private void store(Path file, UUID id) throws IOException {
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.setProperty(KEY, id.toString());
        // Write then rename, so a crash never leaves a half-written identity behind.
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "Trustpool simulated host identity");
            }
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
