package org.trustpool.common.businessentities;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What happens to a VM at run time (table vm_dynamic). */
public class VmDynamic {
    private UUID id;
    private VMStatus status = VMStatus.Down;
    private UUID runOnVds;
    private UUID migratingToVds;
    private Instant lastStartTime;
    private Instant lastStopTime;
    private String exitMessage;
    /** The engine node whose command has the VM in a transitional status (its in-flight mark); null: none. */
    private String opOwner;
    private Instant opStartedAt;

    public UUID getId() { return id; }
    public void setId(UUID id) { this.id = id; }
    public VMStatus getStatus() { return status; }
    public void setStatus(VMStatus status) { this.status = status; }
    public UUID getRunOnVds() { return runOnVds; }
    public void setRunOnVds(UUID runOnVds) { this.runOnVds = runOnVds; }
    public UUID getMigratingToVds() { return migratingToVds; }
    public void setMigratingToVds(UUID migratingToVds) { this.migratingToVds = migratingToVds; }
    public Instant getLastStartTime() { return lastStartTime; }
    public void setLastStartTime(Instant lastStartTime) { this.lastStartTime = lastStartTime; }
    public Instant getLastStopTime() { return lastStopTime; }
    public void setLastStopTime(Instant lastStopTime) { this.lastStopTime = lastStopTime; }
    public String getExitMessage() { return exitMessage; }
    public void setExitMessage(String exitMessage) { this.exitMessage = exitMessage; }
    public String getOpOwner() { return opOwner; }
    public void setOpOwner(String opOwner) { this.opOwner = opOwner; }
    public Instant getOpStartedAt() { return opStartedAt; }
    public void setOpStartedAt(Instant opStartedAt) { this.opStartedAt = opStartedAt; }

    @Override public boolean equals(Object o) {
        return o instanceof VmDynamic v && Objects.equals(id, v.id) && status == v.status
                && Objects.equals(runOnVds, v.runOnVds) && Objects.equals(migratingToVds, v.migratingToVds)
                && Objects.equals(exitMessage, v.exitMessage);
    }
    @Override public int hashCode() { return Objects.hash(id, status); }
}
