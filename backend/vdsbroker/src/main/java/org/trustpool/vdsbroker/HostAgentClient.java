package org.trustpool.vdsbroker;

import java.util.List;
import java.util.UUID;

/** The engine's side of the host agent protocol (JSON-RPC 2.0 over HTTP). Every call may throw HostAgentException. */
public interface HostAgentClient {
    HostCapabilities getCapabilities();

    HostStats getStats();

    List<AgentVm> getVmList();

    AgentVm createVm(UUID vmId, String name, int memMb, int cpus);

    void destroyVm(UUID vmId);

    /** Asks this (source) agent to move the VM to the agent at destinationUrl; returns when done. */
    void migrateVm(UUID vmId, String destinationUrl);

    /** The agent's endpoint, as other agents reach it for migration. */
    String endpoint();
}
