package org.trustpool.bll.cluster;

import java.util.Objects;

/**
 * This engine node: the name other nodes and the database know it by (WildFly's {@code jboss.node.name},
 * which the launcher sets to trustpool-1, trustpool-2, ...) and the API address it serves.
 */
public record EngineNode(String id, String apiUrl) {
    public EngineNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiUrl, "apiUrl");
        // The id goes into lease rows (text) and JGroups' discovery table (varchar(200)); a blank one would
        // make every node look alike.
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("an engine node's id must be 1-200 characters: '" + id + "'");
        }
    }

    /** The running server's node: -Djboss.node.name (WildFly defaults it to the host name) and -Dtrustpool.engine.url. */
    public static EngineNode ofServer() {
        String id = System.getProperty("jboss.node.name", "");
        if (id.isBlank()) {
            id = System.getProperty("jboss.host.name", "trustpool-engine");
        }
        return new EngineNode(id, System.getProperty("trustpool.engine.url", ""));
    }
}
