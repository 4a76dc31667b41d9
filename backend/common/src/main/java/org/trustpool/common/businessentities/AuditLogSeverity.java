package org.trustpool.common.businessentities;

public enum AuditLogSeverity {
    NORMAL, WARNING, ERROR, ALERT
}
