package org.trustpool.common.auditlog;

import org.trustpool.common.businessentities.AuditLogSeverity;

/** Every kind of event the engine writes to audit_log; the words are in AuditLogMessages.properties. */
public enum AuditLogType {
    USER_ADD_CLUSTER(AuditLogSeverity.NORMAL),
    USER_ADD_CLUSTER_FAILED(AuditLogSeverity.ERROR),
    USER_UPDATE_CLUSTER(AuditLogSeverity.NORMAL),
    USER_UPDATE_CLUSTER_FAILED(AuditLogSeverity.ERROR),
    USER_REMOVE_CLUSTER(AuditLogSeverity.NORMAL),
    USER_REMOVE_CLUSTER_FAILED(AuditLogSeverity.ERROR),
    USER_ADD_VDS(AuditLogSeverity.NORMAL),
    USER_ADD_VDS_FAILED(AuditLogSeverity.ERROR),
    USER_REMOVE_VDS(AuditLogSeverity.NORMAL),
    USER_REMOVE_VDS_FAILED(AuditLogSeverity.ERROR),
    VDS_ACTIVATE(AuditLogSeverity.NORMAL),
    VDS_ACTIVATE_FAILED(AuditLogSeverity.ERROR),
    VDS_MAINTENANCE(AuditLogSeverity.NORMAL),
    VDS_MAINTENANCE_FAILED(AuditLogSeverity.ERROR),
    VDS_INITIALIZING(AuditLogSeverity.NORMAL),
    VDS_DETECTED(AuditLogSeverity.NORMAL),
    VDS_INITIALIZE_FAILED(AuditLogSeverity.ERROR),
    VDS_FAILURE(AuditLogSeverity.ERROR),
    VDS_SET_NONOPERATIONAL(AuditLogSeverity.ERROR),
    VDS_SET_NONOPERATIONAL_FAILED(AuditLogSeverity.ERROR),
    USER_ADD_VM(AuditLogSeverity.NORMAL),
    USER_ADD_VM_FAILED(AuditLogSeverity.ERROR),
    USER_UPDATE_VM(AuditLogSeverity.NORMAL),
    USER_UPDATE_VM_FAILED(AuditLogSeverity.ERROR),
    USER_REMOVE_VM(AuditLogSeverity.NORMAL),
    USER_REMOVE_VM_FAILED(AuditLogSeverity.ERROR),
    USER_STARTED_VM(AuditLogSeverity.NORMAL),
    USER_FAILED_RUN_VM(AuditLogSeverity.ERROR),
    USER_STOP_VM(AuditLogSeverity.NORMAL),
    USER_FAILED_STOP_VM(AuditLogSeverity.ERROR),
    VM_MIGRATION_DONE(AuditLogSeverity.NORMAL),
    VM_MIGRATION_FAILED(AuditLogSeverity.ERROR),
    VM_DOWN_UNEXPECTEDLY(AuditLogSeverity.ERROR),
    VM_DOWN_HOST_NON_RESPONSIVE(AuditLogSeverity.WARNING),
    USER_ADD_VM_TEMPLATE(AuditLogSeverity.NORMAL),
    USER_ADD_VM_TEMPLATE_FAILED(AuditLogSeverity.ERROR),
    USER_REMOVE_VM_TEMPLATE(AuditLogSeverity.NORMAL),
    USER_REMOVE_VM_TEMPLATE_FAILED(AuditLogSeverity.ERROR),
    VDS_UNTRUSTED(AuditLogSeverity.ERROR),
    VM_HA_RESTART_FAILED(AuditLogSeverity.ERROR),
    ATTESTATION_SERVICE_UNREACHABLE(AuditLogSeverity.ALERT),
    ATTESTATION_SERVICE_RECOVERED(AuditLogSeverity.NORMAL),
    VDS_TRUST_RESTORED(AuditLogSeverity.NORMAL),
    USER_RUN_VM_ON_NON_TRUSTED_HOST_DENIED(AuditLogSeverity.WARNING),
    USER_EXPORT_VM(AuditLogSeverity.NORMAL),
    USER_EXPORT_VM_FAILED(AuditLogSeverity.ERROR),
    USER_IMPORT_VM(AuditLogSeverity.NORMAL),
    USER_IMPORT_VM_FAILED(AuditLogSeverity.ERROR),
    USER_UPDATE_VDC_OPTION(AuditLogSeverity.NORMAL),
    USER_UPDATE_VDC_OPTION_FAILED(AuditLogSeverity.ERROR),
    USER_ADD_USER(AuditLogSeverity.NORMAL),
    USER_ADD_USER_FAILED(AuditLogSeverity.ERROR),
    USER_UPDATE_USER(AuditLogSeverity.NORMAL),
    USER_UPDATE_USER_FAILED(AuditLogSeverity.ERROR),
    USER_REMOVE_USER(AuditLogSeverity.NORMAL),
    USER_REMOVE_USER_FAILED(AuditLogSeverity.ERROR);

    private final AuditLogSeverity severity;

    AuditLogType(AuditLogSeverity severity) { this.severity = severity; }

    public AuditLogSeverity getSeverity() { return severity; }
}
