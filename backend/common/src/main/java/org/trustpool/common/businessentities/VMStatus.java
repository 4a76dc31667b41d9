package org.trustpool.common.businessentities;

/** VM status, with oVirt's names and numbers. */
public enum VMStatus {
    Down(0), Up(1), PoweringUp(2), Paused(4), MigratingFrom(5), MigratingTo(6), Unknown(7),
    NotResponding(8), WaitForLaunch(9), RebootInProgress(10), SavingState(11), RestoringState(12),
    Suspended(13), ImageIllegal(14), ImageLocked(15), PoweringDown(16);

    private final int value;

    VMStatus(int value) { this.value = value; }

    public int getValue() { return value; }

    /** A VM in one of these states occupies a host. */
    public boolean isRunning() {
        return this != Down && this != Suspended && this != ImageIllegal && this != ImageLocked;
    }

    public static VMStatus forValue(int value) {
        for (VMStatus s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown VM status " + value);
    }
}
