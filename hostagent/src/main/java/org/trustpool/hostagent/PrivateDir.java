package org.trustpool.hostagent;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A directory only this user can enter (0700): where TPM state, sockets and working files live. */
final class PrivateDir {

    private PrivateDir() {
    }

    static Path create(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Files.createDirectories(abs);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
        }
        return abs;
    }
}
