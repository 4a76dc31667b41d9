package org.trustpool.launcher;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ZipExtractorTest {

    @TempDir
    Path tmp;

    private Path zip(String... namesAndModes) throws IOException {
        Path zip = tmp.resolve("test.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip.toFile())) {
            for (int i = 0; i < namesAndModes.length; i += 2) {
                ZipArchiveEntry e = new ZipArchiveEntry(namesAndModes[i]);
                e.setUnixMode(Integer.parseInt(namesAndModes[i + 1], 8));
                out.putArchiveEntry(e);
                if (!e.isDirectory()) {
                    out.write(("content of " + namesAndModes[i]).getBytes(StandardCharsets.UTF_8));
                }
                out.closeArchiveEntry();
            }
        }
        return zip;
    }

    @Test
    void keepsUnixModes() throws IOException {
        Path zip = zip("wf/", "40755", "wf/bin/", "40755", "wf/bin/standalone.sh", "100755", "wf/README.txt", "100644");
        assertEquals("wf", ZipExtractor.topDirectory(zip));
        List<Integer> percents = new ArrayList<>();
        Path out = tmp.resolve("out");
        assertEquals(2, ZipExtractor.extract(zip, out, percents::add));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("wf/bin/standalone.sh"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("wf/README.txt"))));
        assertEquals(List.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), percents);
        assertEquals("content of wf/README.txt", new String(ZipExtractor.read(zip, "wf/README.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void refusesEntriesOutsideTheTarget() throws IOException {
        Path zip = zip("wf/../../evil.sh", "100755");
        assertThrows(IOException.class, () -> ZipExtractor.extract(zip, tmp.resolve("out"), p -> { }));
        assertFalse(Files.exists(tmp.resolve("evil.sh")));
    }

    @Test
    void oneTopDirectoryOnly() throws IOException {
        Path zip = zip("a/x", "100644", "b/y", "100644");
        assertThrows(IOException.class, () -> ZipExtractor.topDirectory(zip));
    }
}
