package org.trustpool.bll.ovf;

import java.time.Instant;

import org.trustpool.common.businessentities.VmTemplate;

/**
 * Writes a template as OVF in oVirt 4.x's dialect (a VirtualSystem_Type Content whose TemplateId is the
 * template's own id), with the trust properties {@code TrustedHostFlag} and {@code TrustedService}.
 */
public class OvfTemplateWriter {

    /**
     * @param template the template; its name is required
     * @param clusterName the template's cluster name (ClusterName), may be null (Blank has none)
     * @param clusterTrusted whether that cluster has trusted service on (TrustedService)
     */
    public String write(VmTemplate template, String clusterName, boolean clusterTrusted) throws OvfException {
        if (template == null) {
            throw new OvfException("OVF not written: no template given");
        }
        if (template.getName() == null || template.getName().isBlank()) {
            throw new OvfException("OVF not written: the template " + template.getId() + " has no name");
        }
        Ovf.Writer w = new Ovf.Writer();
        w.startVirtualSystem();
        w.element("Name", template.getName());
        w.element("TemplateId", template.getId());
        w.element("TemplateType", "TEMPLATE");
        w.element("Description", template.getDescription());
        w.element("CreationDate", Ovf.date(template.getCreationDate()));
        w.element("ExportDate", Ovf.date(Instant.now()));
        w.element("ClusterName", clusterName);
        w.element(Ovf.TRUSTED_HOST_FLAG, template.isTrustedHostFlag());
        w.element(Ovf.TRUSTED_SERVICE, clusterTrusted);
        Ovf.writeOs(w, template.getId(), template.getOsType());
        Ovf.writeHardware(w, template.getNumOfCpus(), template.getMemSizeMb());
        w.end();
        return w.finish();
    }
}
