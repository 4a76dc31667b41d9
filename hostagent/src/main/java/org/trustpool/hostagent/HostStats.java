package org.trustpool.hostagent;

/** Point-in-time usage figures of a simulated host, as reported by Host.getStats. */
public record HostStats(int memFreeMb, int memUsedMb, int cpuUsagePercent, int vmCount) {
}
