package org.trustpool.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;

/**
 * One line of the simulator's standard output. Its protocol: {@code HOST <name> <uuid> <url>}
 * for each host, then {@code READY <n>}; any other line is ordinary log output.
 */
sealed interface AgentLine {

    record Host(SimulatedHost host) implements AgentLine {
    }

    record Ready(int count) implements AgentLine {
    }

    /** A HOST or READY line that breaks the protocol: better to stop than to guess. */
    record Malformed(String line, String reason) implements AgentLine {
    }

    record Other(String line) implements AgentLine {
    }

    static AgentLine parse(String line) {
        String trimmed = line.strip();
        String[] f = trimmed.split("\\s+");
        if (f[0].equals("HOST")) {
            if (f.length != 4) {
                return new Malformed(line, "expected HOST <name> <uuid> <url>");
            }
            UUID id;
            try {
                id = UUID.fromString(f[2]);
            } catch (IllegalArgumentException e) {
                return new Malformed(line, "'" + f[2] + "' is not a UUID");
            }
            URI url;
            try {
                url = new URI(f[3]);
            } catch (URISyntaxException e) {
                return new Malformed(line, "'" + f[3] + "' is not a URL");
            }
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 1) {
                return new Malformed(line, "'" + f[3] + "' is not an http(s) URL with host and port");
            }
            return new Host(new SimulatedHost(f[1], id, url));
        }
        if (f[0].equals("READY")) {
            try {
                if (f.length == 2) {
                    return new Ready(Integer.parseInt(f[1]));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            return new Malformed(line, "expected READY <count>");
        }
        return new Other(line);
    }
}
