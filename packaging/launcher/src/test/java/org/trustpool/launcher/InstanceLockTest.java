package org.trustpool.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceLockTest {

    @TempDir
    Path tmp;

    @Test
    void oneInstancePerDataDirectory() throws Exception {
        Path data = tmp.resolve("data");
        try (InstanceLock lock = InstanceLock.acquire(data)) {
            Path pid = data.resolve(InstanceLock.PID_FILE);
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pid).strip());
            assertEquals(ProcessHandle.current().pid(), InstanceLock.liveOwner(data).orElseThrow().pid());
            LaunchException e = assertThrows(LaunchException.class, () -> InstanceLock.acquire(data));
            assertTrue(e.getMessage().contains("another Trustpool is starting or running"), e.getMessage());
        }
        assertFalse(Files.exists(data.resolve(InstanceLock.PID_FILE)), "pid file removed on close");
        InstanceLock.acquire(data).close();
    }

    @Test
    void aLiveProcessNamedInThePidFileIsRefused() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(tmp.resolve(InstanceLock.PID_FILE), other.pid() + "\n");
            LaunchException e = assertThrows(LaunchException.class, () -> InstanceLock.acquire(tmp));
            assertTrue(e.getMessage().contains("already running with data directory " + tmp + " (pid " + other.pid() + ")"),
                    e.getMessage());
        } finally {
            other.destroy();
        }
    }

    @Test
    void stalePidFiles() throws Exception {
        Path pid = tmp.resolve(InstanceLock.PID_FILE);
        Files.writeString(pid, "999999999\n");
        assertTrue(InstanceLock.liveOwner(tmp).isEmpty(), "no such process");
        // pid 1 is alive, but started long before this file was written? No: it is written "before" pid 1 started
        Files.writeString(pid, "1\n");
        Files.setLastModifiedTime(pid, FileTime.from(Instant.EPOCH));
        assertTrue(InstanceLock.liveOwner(tmp).isEmpty(), "a process younger than the pid file cannot have written it");
        Files.writeString(pid, "garbage");
        assertTrue(InstanceLock.liveOwner(tmp).isEmpty());
        try (InstanceLock lock = InstanceLock.acquire(tmp)) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pid).strip());
        }
    }
}
