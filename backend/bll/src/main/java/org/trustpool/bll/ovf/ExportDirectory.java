package org.trustpool.bll.ovf;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.LockManager;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/**
 * The export-domain-style directory: {@code <dir>/master/vms/<id>/<id>.ovf} and
 * {@code <dir>/master/templates/<id>/<id>.ovf}. The directory is the ExportDomainPath option, else
 * "trustpool-export" in the server's data directory. File names are built from UUIDs only, never from
 * names a user typed, so no path can escape the directory.
 */
public class ExportDirectory {

    /** What can lie in the directory, and the folder under master/ it lies in. */
    public enum Kind {
        VM("vms"), TEMPLATE("templates");

        private final String folder;

        Kind(String folder) { this.folder = folder; }
    }

    private final EngineConfig config;

    /** The lock every command that writes, reads for import or removes one export takes (LockManager key). */
    public static String lockKey(Kind kind, UUID id) {
        return LockManager.name("export-" + kind.folder, id.toString());
    }

    public ExportDirectory(EngineConfig config) {
        this.config = config;
    }

    public Path root() {
        String configured = config.getString("ExportDomainPath", "");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")), "trustpool-export");
    }

    public Path ovf(Kind kind, UUID id) {
        return root().resolve("master").resolve(kind.folder).resolve(id.toString()).resolve(id + ".ovf");
    }

    /** The ids of what is exported here (directories named by a UUID with their OVF inside). */
    public List<UUID> exportedIds(Kind kind) throws IOException {
        Path folder = root().resolve("master").resolve(kind.folder);
        List<UUID> ids = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return ids;
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                try {
                    UUID id = UUID.fromString(dir.getFileName().toString());
                    if (exists(kind, id)) {
                        ids.add(id);
                    }
                } catch (IllegalArgumentException notOurs) {
                    // something else lies in the directory; not an export
                }
            }
        }
        return ids;
    }

    /** Whether this export is there: a regular file reached without following a symbolic link. */
    public boolean exists(Kind kind, UUID id) {
        Path file = ovf(kind, id);
        try {
            refuseLinks(file);
        } catch (IOException linked) {
            return false;
        }
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Opens an export for reading; a symbolic link anywhere below the root is refused. */
    public InputStream open(Kind kind, UUID id) throws IOException {
        Path file = ovf(kind, id);
        refuseLinks(file);
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Reads one export: OvfVmReader::read or OvfTemplateReader::read. */
    @FunctionalInterface
    public interface OvfReader<R> {
        R read(InputStream in) throws OvfException;
    }

    /** A bound on the listing memory: past it, the cache starts again empty. */
    private static final int MAX_LISTED = 10_000;
    private final Map<Path, Listed> listed = new ConcurrentHashMap<>();

    /** What a file said, and which file (inode) at which size and time it said it. */
    private record Listed(Object fileKey, FileTime modified, long size, Object result) {
    }

    /**
     * What an export says, for listing only: read once and kept while the file is the same file with the
     * same size and modification time (every write puts a new file in place), so a portal refreshing every
     * few seconds does not parse every OVF each time. An import never uses this: it reads the file afresh
     * under its lock. The result is shared: callers must not change it. The reader must be the one for the
     * kind (a path holds one kind only, which makes the cast below safe).
     */
    @SuppressWarnings("unchecked")
    public <R> R readForListing(Kind kind, UUID id, OvfReader<R> reader) throws IOException, OvfException {
        Path file = ovf(kind, id);
        refuseLinks(file);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Listed known = listed.get(file);
        if (known != null && java.util.Objects.equals(known.fileKey(), attributes.fileKey())
                && known.modified().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()) {
            return (R) known.result();
        }
        R result;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            result = reader.read(in);
        }
        if (listed.size() >= MAX_LISTED) {
            listed.clear();
        }
        listed.put(file, new Listed(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), result));
        return result;
    }

    /**
     * Refuses a path below the root that goes through a symbolic link. The export directory is often shared
     * (NFS, as oVirt's export domains are): whoever can write there could otherwise point {@code <id>} or
     * {@code <id>.ovf} at a file elsewhere and have the engine read, overwrite or delete it. The root itself
     * is the administrator's choice and may be a link.
     */
    private void refuseLinks(Path below) throws IOException {
        Path root = root();
        Path relative = root.relativize(below);
        Path at = root;
        for (Path part : relative) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new IOException("the export directory holds a symbolic link where an export belongs: " + root.relativize(at));
            }
        }
    }

    /**
     * Whether an export may be written: a first export always, a second one only when the administrator
     * asked to replace the first (an earlier export may be the only copy of something since removed).
     */
    public ValidationResult mayWrite(Kind kind, UUID id, String name, boolean overwrite) {
        return overwrite || !Files.exists(ovf(kind, id), LinkOption.NOFOLLOW_LINKS) ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_ALREADY_EXPORTED, "Name", name);
    }

    /** Produces an OVF document (one of the writers, with what it is to write). */
    @FunctionalInterface
    public interface OvfSource {
        String write() throws OvfException;
    }

    /**
     * For an export command: writes what the source produces to its place, or fails the command with the
     * reason (data an OVF cannot carry, or a directory that cannot be written).
     */
    public void export(Kind kind, UUID id, boolean overwrite, OvfSource source) {
        String ovf;
        try {
            ovf = source.write();
        } catch (OvfException e) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_OVF_INVALID, e.getMessage(), e);
        }
        try {
            write(kind, id, ovf, overwrite);
        } catch (FileAlreadyExistsException e) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_EXPORT_DIRECTORY_UNUSABLE,
                    "an export of it appeared there meanwhile (another engine?); export again with Force Override to replace it", e);
        } catch (IOException e) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_EXPORT_DIRECTORY_UNUSABLE, String.valueOf(e), e);
        }
    }

    /**
     * Writes the OVF beside its place (a fresh name, so two writers never share it) and moves it in, so a
     * reader never sees half a file. Without overwrite, an export that appeared meanwhile (another engine
     * sharing the directory) is kept and this write fails.
     */
    public void write(Kind kind, UUID id, String ovf, boolean overwrite) throws IOException {
        Path target = ovf(kind, id);
        Files.createDirectories(target.getParent());
        refuseLinks(target);
        Path partial = Files.createTempFile(target.getParent(), id + ".", ".partial");
        try {
            Files.writeString(partial, ovf, StandardCharsets.UTF_8);
            if (overwrite) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(partial, target); // FileAlreadyExistsException rather than replacing
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Removes the export's OVF and its (then empty) directory; anything else found there is left alone. */
    public void remove(Kind kind, UUID id) throws IOException {
        Path file = ovf(kind, id);
        refuseLinks(file);
        Files.deleteIfExists(file);
        try {
            Files.deleteIfExists(file.getParent());
        } catch (DirectoryNotEmptyException somethingElse) {
            // disks or files another tool put there: not ours to delete
        }
    }
}
