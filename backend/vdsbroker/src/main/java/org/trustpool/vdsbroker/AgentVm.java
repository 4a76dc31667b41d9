package org.trustpool.vdsbroker;

import java.util.UUID;

/** A VM as a host agent reports it (Host.getVMList, VM.create). */
public record AgentVm(UUID vmId, String name, int memMb, int cpus, String status) {
}
