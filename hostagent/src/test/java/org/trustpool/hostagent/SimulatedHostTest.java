package org.trustpool.hostagent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulatedHostTest {

    private final SimulatedHost host = new SimulatedHost(UUID.randomUUID(), "h", new HostCapacity(4, "X", 8192));

    @Test
    void cpuUsageIsCappedAt100() throws AgentException {
        host.createVm(UUID.randomUUID(), "a", 1024, 2);
        assertEquals(50, host.stats().cpuUsagePercent());
        host.createVm(UUID.randomUUID(), "b", 1024, 16);
        assertEquals(100, host.stats().cpuUsagePercent());
    }

    @Test
    void migrationLifecycle() throws AgentException {
        UUID vmId = UUID.randomUUID();
        host.createVm(vmId, "a", 1024, 1);

        host.beginMigration(vmId);
        assertEquals(VmStatus.MIGRATION_SOURCE, host.vms().get(0).status());
        AgentException twice = assertThrows(AgentException.class, () -> host.beginMigration(vmId));
        assertEquals(AgentError.MIGRATION_FAILED, twice.error());
        assertEquals(1024, host.stats().memUsedMb(), "a leaving VM still uses memory");

        host.abortMigration(vmId);
        assertEquals(VmStatus.UP, host.vms().get(0).status());

        host.beginMigration(vmId);
        host.finishMigration(vmId);
        assertEquals(0, host.vms().size());
    }

    @Test
    void unknownVmIsNoVm() {
        AgentException e = assertThrows(AgentException.class, () -> host.beginMigration(UUID.randomUUID()));
        assertEquals(AgentError.NO_VM, e.error());
    }

    @Test
    void boundedReadStopsPastTheLimit() throws IOException {
        byte[] data = new byte[10_000];
        assertArrayEquals(data, BoundedInput.readAtMost(new ByteArrayInputStream(data), 10_000));
        assertNull(BoundedInput.readAtMost(new ByteArrayInputStream(data), 9_999));
    }
}
