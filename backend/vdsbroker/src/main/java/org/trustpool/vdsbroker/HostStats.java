package org.trustpool.vdsbroker;

/** Answer of Host.getStats. */
public record HostStats(long memFreeMb, long memUsedMb, double cpuUsagePercent, int vmCount) {
}
