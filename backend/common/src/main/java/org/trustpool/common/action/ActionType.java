package org.trustpool.common.action;

/**
 * Every state change the engine knows. Each has exactly one command, registered explicitly in the
 * backend's CommandRegistry (a test fails when one is missing).
 */
public enum ActionType {
    AddCluster,
    UpdateCluster,
    RemoveCluster,
    AddVds,
    UpdateVds,
    RemoveVds,
    ActivateVds,
    MaintenanceVds,
    InitVdsOnUp,
    SetNonOperationalVds,
    /** "Re-attest now": a fresh verdict for one host of a trusted cluster, acted on as re-attestation acts. */
    ReattestVds,
    AddVm,
    UpdateVm,
    RemoveVm,
    RunVm,
    StopVm,
    MigrateVm,
    AddVmTemplate,
    UpdateVmTemplate,
    RemoveVmTemplate,
    AddUser,
    UpdateUser,
    RemoveUser,
    UpdateVdcOption,
    ExportVm,
    ImportVm,
    ExportVmTemplate,
    ImportVmTemplate,
    RemoveExportedVm,
    RemoveExportedVmTemplate
}
