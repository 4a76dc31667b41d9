package org.trustpool.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Generated secrets kept in the data directory, readable by the launcher's user only (0600): made
 * at the first start, read at the next ones, so restarts keep working and nothing secret has to go
 * on a command line.
 */
final class SecretFile {

    static final int LENGTH = 32;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    /** The secret in this file, or a new one written there when the file is missing or holds under 16 characters. */
    static String kept(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (stored.length() >= 16) {
                return stored;
            }
        }
        String secret = generate();
        write(file, secret + "\n");
        return secret;
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

    /** Written to a 0600 temporary file first, so the content is never readable by others, even briefly. */
    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
