package org.trustpool.common.businessentities;

/** Host status, with oVirt's names and numbers so that API clients recognise them. */
public enum VDSStatus {
    Unassigned(0), Down(1), Maintenance(2), Up(3), NonResponsive(4), Error(5), Installing(6),
    InstallFailed(7), Reboot(8), PreparingForMaintenance(9), NonOperational(10), PendingApproval(11),
    Initializing(12), Connecting(13);

    private final int value;

    VDSStatus(int value) { this.value = value; }

    public int getValue() { return value; }

    public static VDSStatus forValue(int value) {
        for (VDSStatus s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown host status " + value);
    }
}
