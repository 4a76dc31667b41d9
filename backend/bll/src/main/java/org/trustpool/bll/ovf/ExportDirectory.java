package org.trustpool.bll.ovf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.trustpool.bll.EngineConfig;

/**
 * The export-domain-style directory: {@code <dir>/master/vms/<id>/<id>.ovf}. The directory is the
 * ExportDomainPath option, else "trustpool-export" in the server's data directory. File names are
 * built from UUIDs only, never from names a user typed, so no path can escape the directory.
 */
public class ExportDirectory {
    private final EngineConfig config;

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

    public Path vmOvf(UUID vmId) {
        return root().resolve("master").resolve("vms").resolve(vmId.toString()).resolve(vmId + ".ovf");
    }

    /** The ids of the VMs exported here (directories named by a UUID with their OVF inside). */
    public List<UUID> exportedVmIds() throws IOException {
        Path vms = root().resolve("master").resolve("vms");
        List<UUID> ids = new ArrayList<>();
        if (!Files.isDirectory(vms)) {
            return ids;
        }
        try (Stream<Path> dirs = Files.list(vms)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                try {
                    UUID id = UUID.fromString(dir.getFileName().toString());
                    if (Files.isRegularFile(vmOvf(id))) {
                        ids.add(id);
                    }
                } catch (IllegalArgumentException notOurs) {
                    // something else lies in the directory; not an export
                }
            }
        }
        return ids;
    }
}
