package org.trustpool.hostagent;

/** Fixed hardware description of a simulated host, as reported by Host.getCapabilities. */
public record HostCapacity(int cpuCores, String cpuModel, int memMb) {

    public HostCapacity {
        if (cpuCores <= 0 || memMb <= 0 || cpuModel == null || cpuModel.isBlank()) {
            throw new IllegalArgumentException("invalid host capacity");
        }
    }
}
