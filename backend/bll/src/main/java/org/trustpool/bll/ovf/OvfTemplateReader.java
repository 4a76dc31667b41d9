package org.trustpool.bll.ovf;

import java.io.InputStream;
import java.util.UUID;

import org.trustpool.common.businessentities.VmTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a template from OVF in oVirt 4.x's dialect, as written by {@link OvfTemplateWriter} or by oVirt itself.
 * Unknown sections, elements and properties are ignored; a missing Content or Name, a malformed value of a
 * property we read, or hostile XML is an {@link OvfException}.
 */
public class OvfTemplateReader {

    /**
     * What an OVF says about a template.
     *
     * @param template its fields (no cluster id: chosen on import); clusterName and trustedHostFlag are set
     * @param trustedHostFlag TrustedHostFlag (false when absent)
     * @param trustedService TrustedService: it came from a trusted cluster (false when absent)
     * @param ovfVersion the Envelope's ovf:version, null when absent
     */
    public record Result(VmTemplate template, boolean trustedHostFlag, boolean trustedService, String ovfVersion) {
    }

    public Result read(byte[] ovf) throws OvfException {
        return read(SafeXml.parse(ovf));
    }

    public Result read(InputStream ovf) throws OvfException {
        return read(SafeXml.parse(ovf));
    }

    private Result read(Document doc) throws OvfException {
        Element content = Ovf.content(doc);
        VmTemplate t = new VmTemplate();
        t.setName(Ovf.requiredText(content, "Name", "template"));
        t.setDescription(Ovf.text(content, "Description"));
        t.setCreationDate(Ovf.date(Ovf.text(content, "CreationDate"), "CreationDate"));
        t.setClusterName(Ovf.text(content, "ClusterName"));
        boolean trustedHostFlag = Ovf.bool(content, Ovf.TRUSTED_HOST_FLAG, false);
        boolean trustedService = Ovf.bool(content, Ovf.TRUSTED_SERVICE, false);
        t.setTrustedHostFlag(trustedHostFlag);

        // in a template's OVF, TemplateId is the template itself; the OS section's ovf:id carries it too
        UUID id = Ovf.uuid(Ovf.text(content, "TemplateId"), "TemplateId");
        Element os = Ovf.section(content, Ovf.OS_SECTION);
        if (os != null) {
            UUID osId = Ovf.uuid(os.getAttributeNS(Ovf.OVF_NS, "id"), "the operating system section's ovf:id");
            if (id == null) {
                id = osId;
            }
            String osType = Ovf.text(os, "Description");
            if (osType != null && !osType.isEmpty()) {
                t.setOsType(osType);
            }
        }
        t.setId(id);
        int[] hw = Ovf.hardware(content, t.getNumOfCpus(), t.getMemSizeMb());
        t.setNumOfCpus(hw[0]);
        t.setMemSizeMb(hw[1]);

        String version = doc.getDocumentElement().getAttributeNS(Ovf.OVF_NS, "version");
        return new Result(t, trustedHostFlag, trustedService, version.isEmpty() ? null : version);
    }
}
