package org.trustpool.bll.auditlog;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.utils.MessageBundle;
import org.trustpool.dal.AuditLogDao;

/** Writes audit entries: renders the type's text with the logable's values and stores it in audit_log. */
public class AuditLogDirector {
    private static final Logger LOG = Logger.getLogger(AuditLogDirector.class.getName());

    private final AuditLogDao auditLogDao;
    private final MessageBundle messages = MessageBundle.auditLogMessages();

    public AuditLogDirector(AuditLogDao auditLogDao) {
        this.auditLogDao = auditLogDao;
    }

    /** Attempts of {@link #logRetrying}: a database restart or a failover takes a moment, not longer. */
    static final int ATTEMPTS = 3;
    private static final long[] PAUSE_MILLIS = {100, 400};

    /**
     * Writes the entry, trying again a couple of times when the write fails (a connection lost, a
     * failover): an audit entry of a change already committed cannot be rolled back with it, so it is
     * worth a short wait. Throws the last failure when every attempt failed; the caller must then tell
     * its own caller, not only the log.
     */
    public AuditLog logRetrying(AuditLogType type, AuditLogable logable) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return log(type, logable);
            } catch (RuntimeException e) {
                last = e;
                LOG.log(Level.WARNING, "audit entry " + type + " not written (attempt " + (attempt + 1) + " of " + ATTEMPTS + "): " + e);
                if (attempt < PAUSE_MILLIS.length) {
                    try {
                        Thread.sleep(PAUSE_MILLIS[attempt]);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        throw last;
    }

    public AuditLog log(AuditLogType type, AuditLogable logable) {
        AuditLog entry = new AuditLog();
        entry.setLogType(type.name());
        entry.setSeverity(type.getSeverity());
        entry.setMessage(messages.format(type.name(), logable.allValues()));
        entry.setUserName(logable.getUserName());
        entry.setCorrelationId(logable.getCorrelationId());
        entry.setVdsId(logable.getVdsId());
        entry.setVdsName(logable.getVdsName());
        entry.setVmId(logable.getVmId());
        entry.setVmName(logable.getVmName());
        entry.setClusterId(logable.getClusterId());
        entry.setClusterName(logable.getClusterName());
        entry.getCustomValues().putAll(logable.getCustomValues());
        entry.setAuditLogId(auditLogDao.save(entry));
        LOG.log(Level.INFO, "audit {0}: {1}", new Object[] {type, entry.getMessage()});
        return entry;
    }
}
