package org.trustpool.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * One Trustpool per data directory. DATA/trustpool.pid tells people (and {@code trustpool stop})
 * who runs; an OS file lock on DATA/.lock is what actually excludes a second launcher, because
 * it cannot go stale: the OS drops it when the holder dies, however it dies.
 */
final class InstanceLock implements AutoCloseable {

    static final String PID_FILE = "trustpool.pid";
    private static final String LOCK_FILE = ".lock";

    private final Path pidFile;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path pidFile, FileChannel channel, FileLock lock) {
        this.pidFile = pidFile;
        this.channel = channel;
        this.lock = lock;
    }

    static InstanceLock acquire(Path dataDir) throws IOException {
        createPrivateDirectory(dataDir);
        Path pidFile = dataDir.resolve(PID_FILE);
        Optional<ProcessHandle> owner = liveOwner(dataDir);
        if (owner.isPresent() && owner.get().pid() != ProcessHandle.current().pid()) {
            throw new LaunchException("Trustpool is already running with data directory " + dataDir + " (pid "
                    + owner.get().pid() + "); stop it with `trustpool stop --data-dir " + dataDir + "`");
        }
        FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another start in this same JVM
        }
        if (lock == null) {
            channel.close();
            throw new LaunchException("another Trustpool is starting or running with data directory " + dataDir);
        }
        try {
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new InstanceLock(pidFile, channel, lock);
    }

    /**
     * The process named by DATA/trustpool.pid, if it still runs. A process that started after
     * the pid file was written cannot have written it: the pid was reused, the file is stale.
     */
    static Optional<ProcessHandle> liveOwner(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        long pid;
        FileTime written;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
            written = Files.getLastModifiedTime(pidFile);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> started = handle.get().info().startInstant();
        if (started.isPresent() && started.get().isAfter(written.toInstant().plusSeconds(2))) {
            return Optional.empty();
        }
        return handle;
    }

    /** The data directory holds the database and passwords: only its owner may look inside. */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    @Override
    public void close() {
        try {
            // Only our own pid file: a second launcher that lost the race must not remove the winner's.
            if (Files.readString(pidFile, StandardCharsets.UTF_8).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing a lock of a file we are done with
        }
    }
}
