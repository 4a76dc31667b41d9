package org.trustpool.bll.ovf;

import java.time.Instant;

import org.trustpool.common.businessentities.VmStatic;

/**
 * Writes a VM as OVF in oVirt 4.x's dialect, with the two trust properties in its Content:
 * {@code TrustedHostFlag} (the VM's own flag) and {@code TrustedService} (its cluster was trusted).
 */
public class OvfVmWriter {

    /**
     * @param vm the VM; its name is required
     * @param clusterName the name of the VM's cluster (written as ClusterName), may be null
     * @param clusterTrusted whether that cluster has trusted service on (written as TrustedService)
     * @param templateName the name of the VM's template (written as TemplateName), may be null
     */
    public String write(VmStatic vm, String clusterName, boolean clusterTrusted, String templateName)
            throws OvfException {
        if (vm == null) {
            throw new OvfException("OVF not written: no VM given");
        }
        if (vm.getName() == null || vm.getName().isBlank()) {
            throw new OvfException("OVF not written: the VM " + vm.getId() + " has no name");
        }
        Ovf.Writer w = new Ovf.Writer();
        w.startVirtualSystem();
        w.element("Name", vm.getName());
        w.element("TemplateId", vm.getTemplateId());
        w.element("TemplateName", templateName);
        w.element("Description", vm.getDescription());
        w.element("CreationDate", Ovf.date(vm.getCreationDate()));
        w.element("ExportDate", Ovf.date(Instant.now()));
        w.element("IsAutoStartup", vm.isAutoStartup());
        w.element("MigrationSupport", vm.getMigrationSupport() == null ? null : vm.getMigrationSupport().getValue());
        w.element("DedicatedVmForVds", vm.getDedicatedVmForVds() == null ? "" : vm.getDedicatedVmForVds());
        w.element("ClusterName", clusterName);
        w.element(Ovf.TRUSTED_HOST_FLAG, vm.isTrustedHostFlag());
        w.element(Ovf.TRUSTED_SERVICE, clusterTrusted);
        Ovf.writeOs(w, vm.getId(), vm.getOsType());
        Ovf.writeHardware(w, vm.getNumOfCpus(), vm.getMemSizeMb());
        w.end();
        return w.finish();
    }

}
