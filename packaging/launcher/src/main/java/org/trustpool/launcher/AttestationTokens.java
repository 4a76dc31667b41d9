package org.trustpool.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The attestation service's bearer tokens, generated at the first start and kept in the
 * data directory (0600) so agents and scripts keep working across restarts: the admin token
 * (whitelist, host deletion), the registration token (agents registering their AIK), the
 * engine's (PollHosts, nobody else) and the readers' (GET /hosts, /mles).
 * WildFly gets them through its environment, which `ps` does not show.
 */
record AttestationTokens(String admin, String registration, String engine, String reader) {

    static final String ADMIN_FILE = "attestation-admin-token";
    static final String REGISTRATION_FILE = "attestation-registration-token";
    static final String ADMIN_ENV = "TRUSTPOOL_ATTESTATION_ADMIN_TOKEN";
    static final String REGISTRATION_ENV = "TRUSTPOOL_ATTESTATION_REGISTRATION_TOKEN";
    static final String ENGINE_FILE = "attestation-engine-token";
    static final String READER_FILE = "attestation-reader-token";
    static final String ENGINE_ENV = "TRUSTPOOL_ATTESTATION_ENGINE_TOKEN";
    static final String READER_ENV = "TRUSTPOOL_ATTESTATION_READER_TOKEN";
    static final int LENGTH = 32;

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    static AttestationTokens resolve(Path dataDir) throws IOException {
        return new AttestationTokens(kept(dataDir.resolve(ADMIN_FILE)), kept(dataDir.resolve(REGISTRATION_FILE)),
                SecretFile.kept(dataDir.resolve(ENGINE_FILE)), SecretFile.kept(dataDir.resolve(READER_FILE)));
    }

    /** The registration token's file, which the simulator reads (a token on its command line would show in ps). */
    static Path registrationFile(Path dataDir) {
        return dataDir.resolve(REGISTRATION_FILE);
    }

    /** For the WildFly process: the service reads these variables. */
    Map<String, String> environment() {
        return Map.of(ADMIN_ENV, admin, REGISTRATION_ENV, registration, ENGINE_ENV, engine, READER_ENV, reader);
    }

    private static String kept(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            // the service refuses tokens under 16 characters; a short one is replaced
            if (stored.length() >= 16) {
                return stored;
            }
        }
        String token = generate();
        store(file, token);
        return token;
    }

    static String generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            // 64 symbols: the low 6 bits pick one without bias (192 bits in all)
            chars[i] = ALPHABET[bytes[i] & 0x3f];
        }
        return new String(chars);
    }

    /** Written to a 0600 temporary file first, so the token is never readable by others, even briefly. */
    private static void store(Path file, String token) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
