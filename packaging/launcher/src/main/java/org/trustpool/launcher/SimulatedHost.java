package org.trustpool.launcher;

import java.net.URI;
import java.util.UUID;

/** One host played by the host-agent simulator, as it announced itself. */
public record SimulatedHost(String name, UUID id, URI jsonRpcUrl) {

    /** The address the engine should use to reach the agent. */
    public String address() {
        return jsonRpcUrl.getHost();
    }

    public int port() {
        return jsonRpcUrl.getPort();
    }
}
