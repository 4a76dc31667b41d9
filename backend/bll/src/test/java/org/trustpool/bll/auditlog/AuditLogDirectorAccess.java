package org.trustpool.bll.auditlog;

/** The director's retry count for tests in other packages. */
public final class AuditLogDirectorAccess {
    private AuditLogDirectorAccess() {
    }

    public static int attempts() {
        return AuditLogDirector.ATTEMPTS;
    }
}
