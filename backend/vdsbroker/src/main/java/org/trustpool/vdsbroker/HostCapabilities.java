package org.trustpool.vdsbroker;

import java.util.UUID;

/** Answer of Host.getCapabilities. */
public record HostCapabilities(UUID hostId, String hostName, int cpuCores, String cpuModel, long memMb, String agentVersion) {
}
