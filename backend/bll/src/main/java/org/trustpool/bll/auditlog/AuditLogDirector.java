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
