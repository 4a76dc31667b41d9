package org.trustpool.common.auditlog;

import org.trustpool.common.businessentities.AuditLogSeverity;

/**
 * Every kind of event the engine writes to audit_log; the words are in AuditLogMessages.properties.
 * Each has oVirt's numeric event code where oVirt has an event that means the same (the code
 * {@code <event><code>} carries, which SDK users filter on), else one of ours from 20000 up, a range
 * oVirt leaves unused (its codes end at 15001; 9801-9804 are its external events).
 */
public enum AuditLogType {
    USER_ADD_CLUSTER(809, AuditLogSeverity.NORMAL),
    USER_ADD_CLUSTER_FAILED(810, AuditLogSeverity.ERROR),
    USER_UPDATE_CLUSTER(811, AuditLogSeverity.NORMAL),
    USER_UPDATE_CLUSTER_FAILED(812, AuditLogSeverity.ERROR),
    USER_REMOVE_CLUSTER(813, AuditLogSeverity.NORMAL),
    USER_REMOVE_CLUSTER_FAILED(814, AuditLogSeverity.ERROR),
    USER_ADD_VDS(42, AuditLogSeverity.NORMAL),
    USER_ADD_VDS_FAILED(104, AuditLogSeverity.ERROR),
    USER_UPDATE_VDS(43, AuditLogSeverity.NORMAL),
    USER_UPDATE_VDS_FAILED(105, AuditLogSeverity.ERROR),
    USER_REMOVE_VDS(44, AuditLogSeverity.NORMAL),
    USER_REMOVE_VDS_FAILED(106, AuditLogSeverity.ERROR),
    VDS_ACTIVATE(16, AuditLogSeverity.NORMAL),
    VDS_ACTIVATE_FAILED(18, AuditLogSeverity.ERROR),
    VDS_MAINTENANCE(15, AuditLogSeverity.NORMAL),
    VDS_MAINTENANCE_FAILED(17, AuditLogSeverity.ERROR),
    VDS_INITIALIZING(514, AuditLogSeverity.NORMAL),
    VDS_DETECTED(13, AuditLogSeverity.NORMAL),
    VDS_INITIALIZE_FAILED(20000, AuditLogSeverity.ERROR),
    VDS_FAILURE(12, AuditLogSeverity.ERROR),
    VDS_SET_NONOPERATIONAL(517, AuditLogSeverity.ERROR),
    VDS_SET_NONOPERATIONAL_FAILED(518, AuditLogSeverity.ERROR),
    USER_ADD_VM(34, AuditLogSeverity.NORMAL),
    USER_ADD_VM_FAILED(57, AuditLogSeverity.ERROR),
    USER_UPDATE_VM(35, AuditLogSeverity.NORMAL),
    USER_UPDATE_VM_FAILED(58, AuditLogSeverity.ERROR),
    USER_REMOVE_VM(113, AuditLogSeverity.NORMAL),
    USER_REMOVE_VM_FAILED(59, AuditLogSeverity.ERROR),
    USER_STARTED_VM(153, AuditLogSeverity.NORMAL),
    USER_FAILED_RUN_VM(54, AuditLogSeverity.ERROR),
    USER_STOP_VM(33, AuditLogSeverity.NORMAL),
    USER_FAILED_STOP_VM(56, AuditLogSeverity.ERROR),
    VM_MIGRATION_DONE(63, AuditLogSeverity.NORMAL),
    VM_MIGRATION_FAILED(65, AuditLogSeverity.ERROR),
    VM_DOWN_UNEXPECTEDLY(119, AuditLogSeverity.ERROR),
    VM_DOWN_HOST_NON_RESPONSIVE(143, AuditLogSeverity.WARNING),
    USER_ADD_VM_TEMPLATE(48, AuditLogSeverity.NORMAL),
    USER_ADD_VM_TEMPLATE_FAILED(108, AuditLogSeverity.ERROR),
    USER_UPDATE_VM_TEMPLATE(49, AuditLogSeverity.NORMAL),
    USER_UPDATE_VM_TEMPLATE_FAILED(109, AuditLogSeverity.ERROR),
    USER_REMOVE_VM_TEMPLATE(50, AuditLogSeverity.NORMAL),
    USER_REMOVE_VM_TEMPLATE_FAILED(110, AuditLogSeverity.ERROR),
    VDS_UNTRUSTED(10000, AuditLogSeverity.ERROR),
    // a trusted cluster's VM or template moved into a cluster that is not trusted, on the administrator's
    // explicit confirmation (the question before it is not logged): oVirt's names and codes
    USER_UPDATE_VM_FROM_TRUSTED_TO_UNTRUSTED(10001, AuditLogSeverity.WARNING),
    IMPORTEXPORT_IMPORT_VM_FROM_TRUSTED_TO_UNTRUSTED(10003, AuditLogSeverity.WARNING),
    USER_ADD_VM_FROM_TRUSTED_TO_UNTRUSTED(10005, AuditLogSeverity.WARNING),
    IMPORTEXPORT_IMPORT_TEMPLATE_FROM_TRUSTED_TO_UNTRUSTED(10007, AuditLogSeverity.WARNING),
    VDS_UNTRUSTED_TRUSTED_VMS_MOVED(20001, AuditLogSeverity.ERROR),
    VM_HA_RESTART_FAILED(9603, AuditLogSeverity.ERROR),
    // an engine that stopped between reserving and recording an agent call: what monitoring found afterwards
    VM_START_INTERRUPTED(20100, AuditLogSeverity.WARNING),
    VM_OPERATION_INTERRUPTED(20101, AuditLogSeverity.WARNING),
    ATTESTATION_SERVICE_UNREACHABLE(20002, AuditLogSeverity.ALERT),
    ATTESTATION_SERVICE_RECOVERED(20003, AuditLogSeverity.NORMAL),
    VDS_TRUST_RESTORED(20004, AuditLogSeverity.NORMAL),
    /** An administrator asked for a fresh verdict ("Re-attest now"); the verdict is in the entry. */
    USER_REATTEST_VDS(20410, AuditLogSeverity.NORMAL),
    USER_REATTEST_VDS_FAILED(20411, AuditLogSeverity.ERROR),
    USER_RUN_VM_ON_NON_TRUSTED_HOST_DENIED(20005, AuditLogSeverity.WARNING),
    USER_EXPORT_VM(1150, AuditLogSeverity.NORMAL),
    USER_EXPORT_VM_FAILED(1151, AuditLogSeverity.ERROR),
    USER_IMPORT_VM(1152, AuditLogSeverity.NORMAL),
    USER_IMPORT_VM_FAILED(1153, AuditLogSeverity.ERROR),
    USER_EXPORT_VM_TEMPLATE(1156, AuditLogSeverity.NORMAL),
    USER_EXPORT_VM_TEMPLATE_FAILED(1157, AuditLogSeverity.ERROR),
    USER_IMPORT_VM_TEMPLATE(1158, AuditLogSeverity.NORMAL),
    USER_IMPORT_VM_TEMPLATE_FAILED(1159, AuditLogSeverity.ERROR),
    USER_REMOVE_EXPORT(1160, AuditLogSeverity.NORMAL),
    USER_REMOVE_EXPORT_FAILED(1161, AuditLogSeverity.ERROR),
    USER_UPDATE_VDC_OPTION(20006, AuditLogSeverity.NORMAL),
    USER_UPDATE_VDC_OPTION_FAILED(20007, AuditLogSeverity.ERROR),
    USER_ADD_USER(149, AuditLogSeverity.NORMAL),
    USER_ADD_USER_FAILED(327, AuditLogSeverity.ERROR),
    USER_UPDATE_USER(20008, AuditLogSeverity.NORMAL),
    USER_UPDATE_USER_FAILED(20009, AuditLogSeverity.ERROR),
    USER_REMOVE_USER(325, AuditLogSeverity.NORMAL),
    USER_REMOVE_USER_FAILED(326, AuditLogSeverity.ERROR),
    USER_ACCOUNT_LOCKED(160, AuditLogSeverity.WARNING),
    VM_STRAY_COPY_DESTROYED(20010, AuditLogSeverity.WARNING),
    VM_STRAY_COPY_DESTROY_FAILED(20011, AuditLogSeverity.ERROR),
    USER_LOGIN_SOURCE_THROTTLED(20012, AuditLogSeverity.WARNING),
    USER_LOGIN_BACKED_OFF(20013, AuditLogSeverity.WARNING),
    /** A host reported a VM it may not be recorded as running (another cluster); the record stays where it was. */
    VM_CLAIM_REFUSED(20340, AuditLogSeverity.WARNING),
    /** A host that may not run a VM needing trust reported it; not recorded there, and its copy destroyed. */
    VM_CLAIM_REFUSED_COPY_DESTROYED(20341, AuditLogSeverity.WARNING),
    VM_CLAIM_REFUSED_COPY_DESTROY_FAILED(20342, AuditLogSeverity.ERROR);

    private final int code;
    private final AuditLogSeverity severity;

    AuditLogType(int code, AuditLogSeverity severity) {
        this.code = code;
        this.severity = severity;
    }

    public int getCode() { return code; }
    public AuditLogSeverity getSeverity() { return severity; }
}
