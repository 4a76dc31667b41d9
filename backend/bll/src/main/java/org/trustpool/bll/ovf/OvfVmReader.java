package org.trustpool.bll.ovf;

import java.io.InputStream;
import java.util.UUID;

import org.trustpool.common.businessentities.MigrationSupport;
import org.trustpool.common.businessentities.VmStatic;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a VM from OVF in oVirt 4.x's dialect, as written by {@link OvfVmWriter} or by oVirt itself. Unknown
 * sections, elements and properties are ignored; a missing Content or Name, a malformed value of a property we
 * read, or hostile XML is an {@link OvfException}.
 */
public class OvfVmReader {

    /**
     * What an OVF says about a VM.
     *
     * @param vm the VM's fields (no cluster id: the cluster is chosen on import); its trustedHostFlag is set
     * @param templateId the TemplateId, null when absent
     * @param templateName the TemplateName, null when absent
     * @param clusterName the ClusterName it was exported from, null when absent
     * @param trustedHostFlag TrustedHostFlag (false when absent, as in OVFs written by oVirt)
     * @param trustedService TrustedService: it came from a trusted cluster (false when absent)
     * @param ovfVersion the Envelope's ovf:version, null when absent
     */
    public record Result(VmStatic vm, UUID templateId, String templateName, String clusterName,
            boolean trustedHostFlag, boolean trustedService, String ovfVersion) {
    }

    public Result read(byte[] ovf) throws OvfException {
        return read(SafeXml.parse(ovf));
    }

    public Result read(InputStream ovf) throws OvfException {
        return read(SafeXml.parse(ovf));
    }

    private Result read(Document doc) throws OvfException {
        Element content = Ovf.content(doc);
        VmStatic vm = new VmStatic();
        vm.setName(Ovf.requiredText(content, "Name", "VM"));
        vm.setDescription(Ovf.text(content, "Description"));
        UUID templateId = Ovf.uuid(Ovf.text(content, "TemplateId"), "TemplateId");
        vm.setTemplateId(templateId);
        vm.setCreationDate(Ovf.date(Ovf.text(content, "CreationDate"), "CreationDate"));
        boolean auto = Ovf.child(content, "IsAutoStartup") != null
                ? Ovf.bool(content, "IsAutoStartup", false) : Ovf.bool(content, "AutoStartup", false);
        vm.setAutoStartup(auto);
        Integer migration = Ovf.integer(Ovf.text(content, "MigrationSupport"), "MigrationSupport");
        if (migration != null) {
            try {
                vm.setMigrationSupport(MigrationSupport.forValue(migration));
            } catch (IllegalArgumentException e) {
                throw new OvfException("OVF refused: MigrationSupport " + migration + " is not 0, 1 or 2");
            }
        }
        vm.setDedicatedVmForVds(firstHost(Ovf.text(content, "DedicatedVmForVds")));
        boolean trustedHostFlag = Ovf.bool(content, Ovf.TRUSTED_HOST_FLAG, false);
        boolean trustedService = Ovf.bool(content, Ovf.TRUSTED_SERVICE, false);
        vm.setTrustedHostFlag(trustedHostFlag);

        Element os = Ovf.section(content, Ovf.OS_SECTION);
        if (os != null) {
            vm.setId(Ovf.uuid(os.getAttributeNS(Ovf.OVF_NS, "id"), "the operating system section's ovf:id (the VM id)"));
            String osType = Ovf.text(os, "Description");
            if (osType != null && !osType.isEmpty()) {
                vm.setOsType(osType);
            }
        }
        int[] hw = Ovf.hardware(content, vm.getNumOfCpus(), vm.getMemSizeMb());
        vm.setNumOfCpus(hw[0]);
        vm.setMemSizeMb(hw[1]);

        String version = doc.getDocumentElement().getAttributeNS(Ovf.OVF_NS, "version");
        return new Result(vm, templateId, Ovf.text(content, "TemplateName"), Ovf.text(content, "ClusterName"),
                trustedHostFlag, trustedService, version.isEmpty() ? null : version);
    }

    /** oVirt 4.x writes a comma-separated list of hosts; we keep the first. */
    private static UUID firstHost(String value) throws OvfException {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Ovf.uuid(value.split(",")[0].trim(), "DedicatedVmForVds");
    }
}
