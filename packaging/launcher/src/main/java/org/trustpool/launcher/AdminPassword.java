package org.trustpool.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * The password of admin@internal, from the first of: the option, $TRUSTPOOL_ADMIN_PASSWORD,
 * DATA/admin-password (written by an earlier run), a new random one (then written there).
 * Only a generated password is written down: one the user typed is theirs to keep.
 */
record AdminPassword(String value, Source source) {

    static final String ENV = "TRUSTPOOL_ADMIN_PASSWORD";
    static final String FILE = "admin-password";
    static final int GENERATED_LENGTH = 20;

    enum Source {
        OPTION("as given by --admin-password"),
        ENVIRONMENT("from $" + ENV),
        STORED("kept in the data directory"),
        GENERATED("new, kept in the data directory");

        final String description;

        Source(String description) {
            this.description = description;
        }
    }

    /** 64 symbols, so each random byte's low 6 bits pick one without bias; all URL-safe. */
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    static AdminPassword resolve(Optional<String> option, Map<String, String> env, Path dataDir) throws IOException {
        if (option.isPresent()) {
            return new AdminPassword(option.get(), Source.OPTION);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new AdminPassword(fromEnv, Source.ENVIRONMENT);
        }
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!stored.isEmpty()) {
                return new AdminPassword(stored, Source.STORED);
            }
        }
        String generated = generate();
        store(file, generated);
        return new AdminPassword(generated, Source.GENERATED);
    }

    static String generate() {
        byte[] bytes = new byte[GENERATED_LENGTH];
        RANDOM.nextBytes(bytes);
        char[] chars = new char[GENERATED_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[bytes[i] & 0x3f];
        }
        return new String(chars);
    }

    /** Written to a 0600 temporary file first, so the password is never readable by others, even briefly. */
    private static void store(Path file, String password) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + tmp, e);
        }
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
