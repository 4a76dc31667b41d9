package org.trustpool.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminPasswordTest {

    @TempDir
    Path data;

    private static final Map<String, String> ENV = Map.of(AdminPassword.ENV, "from-env");

    @Test
    void optionFirst() throws Exception {
        Files.writeString(data.resolve(AdminPassword.FILE), "stored\n");
        AdminPassword p = AdminPassword.resolve(Optional.of("from-option"), ENV, data);
        assertEquals("from-option", p.value());
        assertEquals(AdminPassword.Source.OPTION, p.source());
    }

    @Test
    void thenEnvironment() throws Exception {
        Files.writeString(data.resolve(AdminPassword.FILE), "stored\n");
        AdminPassword p = AdminPassword.resolve(Optional.empty(), ENV, data);
        assertEquals("from-env", p.value());
        assertEquals(AdminPassword.Source.ENVIRONMENT, p.source());
    }

    @Test
    void thenTheStoredOne() throws Exception {
        Files.writeString(data.resolve(AdminPassword.FILE), "stored\n");
        AdminPassword p = AdminPassword.resolve(Optional.empty(), Map.of(AdminPassword.ENV, ""), data);
        assertEquals("stored", p.value());
        assertEquals(AdminPassword.Source.STORED, p.source());
    }

    @Test
    void elseGeneratedAndKeptPrivately() throws Exception {
        AdminPassword p = AdminPassword.resolve(Optional.empty(), Map.of(), data);
        assertEquals(AdminPassword.Source.GENERATED, p.source());
        assertEquals(20, p.value().length());
        assertTrue(p.value().matches("[A-Za-z0-9_-]{20}"), p.value());
        Path file = data.resolve(AdminPassword.FILE);
        assertEquals(p.value() + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        AdminPassword again = AdminPassword.resolve(Optional.empty(), Map.of(), data);
        assertEquals(p.value(), again.value(), "a restart keeps the password");
        assertEquals(AdminPassword.Source.STORED, again.source());
    }

    @Test
    void givenPasswordsAreNotWrittenDown() throws Exception {
        AdminPassword.resolve(Optional.of("typed"), Map.of(), data);
        AdminPassword.resolve(Optional.empty(), ENV, data);
        assertFalse(Files.exists(data.resolve(AdminPassword.FILE)));
    }

    @Test
    void anEmptyFileIsReplaced() throws Exception {
        Files.writeString(data.resolve(AdminPassword.FILE), "\n");
        assertEquals(AdminPassword.Source.GENERATED, AdminPassword.resolve(Optional.empty(), Map.of(), data).source());
    }

    @Test
    void generatedPasswordsDiffer() {
        assertNotEquals(AdminPassword.generate(), AdminPassword.generate());
    }
}
