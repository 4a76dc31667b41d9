package org.trustpool.bll.vm;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.ovf.OvfException;
import org.trustpool.bll.ovf.OvfVmReader;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.ImportVmParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/**
 * Creates a VM from its OVF in the export directory, in the cluster the administrator chose.
 * TrustedHostFlag always travels with the VM. A VM exported from a trusted cluster (TrustedService)
 * is not silently put into a cluster that is not trusted: that needs an explicit confirmation,
 * which the audit entry records.
 */
public class ImportVmCommand extends CommandBase<ImportVmParameters> {
    private OvfVmReader.Result ovf;
    private Cluster cluster;

    public ImportVmCommand(ImportVmParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().addCustomValue("TrustDecision", "");
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.vm(parameters.getId()), LockManager.name("import", String.valueOf(parameters.getId())));
    }

    @Override protected boolean validate() {
        Path file = context.exportDirectory().vmOvf(parameters.getId());
        if (!Files.isRegularFile(file)) {
            return validate(failWith(EngineMessage.ACTION_TYPE_FAILED_EXPORT_NOT_FOUND));
        }
        try {
            ovf = new OvfVmReader().read(Files.readAllBytes(file));
        } catch (OvfException | IOException e) {
            return validate(failWith(EngineMessage.ACTION_TYPE_FAILED_OVF_INVALID, "Detail", String.valueOf(e.getMessage())));
        }
        VmStatic vm = ovf.vm();
        audit().withVm(parameters.getId(), vm.getName());
        cluster = parameters.getClusterId() == null ? null : context.clusterDao().get(parameters.getClusterId());
        if (!validate(EntityValidators.notNull(cluster, EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND))) {
            return false;
        }
        audit().withCluster(cluster);
        VmStatic existing = context.vmStaticDao().get(parameters.getId());
        return validate(existing == null ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_ID_ALREADY_USED, "Name", existing.getName()))
                && validate(EntityValidators.validName(vm.getName()))
                && validate(context.vmStaticDao().getByName(vm.getName()) == null ? VALID
                        : failWith(EngineMessage.ACTION_TYPE_FAILED_VM_NAME_ALREADY_USED, "Name", vm.getName()))
                && validate(trustKeptOrConfirmed(vm.getName()));
    }

    private ValidationResult trustKeptOrConfirmed(String name) {
        if (!ovf.trustedService() || cluster.isTrustedService() || parameters.isConfirmTrustLoss()) {
            return VALID;
        }
        return failWith(EngineMessage.ACTION_TYPE_FAILED_IMPORT_WOULD_LOSE_TRUST, "Name", name, "ClusterName", cluster.getName());
    }

    @Override protected void executeCommand() {
        VmStatic vm = ovf.vm();
        vm.setId(parameters.getId());
        vm.setClusterId(cluster.getId());
        // The template may not exist in this setup; Blank keeps the VM valid. Pinning does not travel.
        VmTemplate template = ovf.templateId() == null ? null : context.vmTemplateDao().get(ovf.templateId());
        vm.setTemplateId(template != null ? template.getId() : VmTemplate.BLANK_TEMPLATE_ID);
        vm.setDedicatedVmForVds(null);
        vm.setTrustedHostFlag(ovf.trustedHostFlag());
        if (vm.getCreationDate() == null) {
            vm.setCreationDate(Instant.now());
        }
        context.vmStaticDao().save(vm);
        VmDynamic dynamic = new VmDynamic();
        dynamic.setId(vm.getId());
        dynamic.setStatus(VMStatus.Down);
        context.vmDynamicDao().save(dynamic);
        if (ovf.trustedService() && !cluster.isTrustedService()) {
            audit().addCustomValue("TrustDecision", " It came from a trusted cluster; " + parameters.getUserName()
                    + " confirmed importing it into this cluster, which is not trusted.");
        }
        setReturnValue(vm.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_IMPORT_VM; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_IMPORT_VM_FAILED; }
    @Override protected String actionVerb() { return "import"; }
    @Override protected String entityTypeName() { return "VM"; }
}
