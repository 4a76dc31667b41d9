package org.trustpool.launcher;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Unpacks the WildFly zip keeping each file's Unix mode (java.util.zip cannot read it; without
 * it bin/*.sh would not be executable), refusing entries that point outside the target.
 */
final class ZipExtractor {

    private ZipExtractor() {
    }

    /** The single top-level directory of the archive, e.g. "wildfly-39.0.1.Final". */
    static String topDirectory(Path zip) throws IOException {
        try (ZipFile zf = open(zip)) {
            String top = null;
            for (ZipArchiveEntry e : Collections.list(zf.getEntries())) {
                String first = e.getName().split("/", 2)[0];
                if (top == null) {
                    top = first;
                } else if (!top.equals(first)) {
                    throw new IOException(zip + " has more than one top-level directory");
                }
            }
            if (top == null) {
                throw new IOException(zip + " is empty");
            }
            return top;
        }
    }

    /** The bytes of one entry, e.g. the pristine standalone.xml. */
    static byte[] read(Path zip, String entryName) throws IOException {
        try (ZipFile zf = open(zip)) {
            ZipArchiveEntry e = zf.getEntry(entryName);
            if (e == null) {
                throw new IOException(zip + " has no " + entryName);
            }
            try (InputStream in = zf.getInputStream(e)) {
                return in.readAllBytes();
            }
        }
    }

    /** @param percent called with 10, 20, ... 100 as the uncompressed bytes are written */
    static int extract(Path zip, Path target, IntConsumer percent) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        try (ZipFile zf = open(zip)) {
            long total = 0;
            for (Enumeration<ZipArchiveEntry> en = zf.getEntries(); en.hasMoreElements(); ) {
                total += Math.max(0, en.nextElement().getSize());
            }
            long written = 0;
            int reported = 0;
            int files = 0;
            byte[] buffer = new byte[64 * 1024];
            for (Enumeration<ZipArchiveEntry> en = zf.getEntriesInPhysicalOrder(); en.hasMoreElements(); ) {
                ZipArchiveEntry entry = en.nextElement();
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("refusing " + entry.getName() + ": it points outside " + root);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (entry.isUnixSymlink()) {
                    String link = new String(zf.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                    if (!out.getParent().resolve(link).normalize().startsWith(root)) {
                        throw new IOException("refusing link " + entry.getName() + " -> " + link);
                    }
                    Files.createSymbolicLink(out, Path.of(link));
                    continue;
                }
                try (InputStream in = zf.getInputStream(entry); OutputStream os = Files.newOutputStream(out)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        os.write(buffer, 0, n);
                        written += n;
                    }
                }
                files++;
                int mode = entry.getUnixMode();
                if (mode != 0) {
                    setMode(out, mode);
                }
                int now = total == 0 ? 100 : (int) (written * 10 / total) * 10;
                while (reported < now) {
                    reported += 10;
                    percent.accept(reported);
                }
            }
            while (reported < 100) {
                reported += 10;
                percent.accept(reported);
            }
            return files;
        }
    }

    private static ZipFile open(Path zip) throws IOException {
        return ZipFile.builder().setPath(zip).get();
    }

    private static void setMode(Path file, int mode) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to keep
        }
    }
}
