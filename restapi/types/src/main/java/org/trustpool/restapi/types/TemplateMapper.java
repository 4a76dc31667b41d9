package org.trustpool.restapi.types;

import java.util.UUID;

import org.trustpool.api.model.Cluster;
import org.trustpool.api.model.OperatingSystem;
import org.trustpool.api.model.Template;
import org.trustpool.common.businessentities.VmTemplate;

/**
 * VmTemplate entity <-> {@code <template>}. status and trusted_host_flag are not mapped: VmTemplate has
 * no fields for them yet.
 */
public final class TemplateMapper {

    private TemplateMapper() {
    }

    public static Template map(VmTemplate entity) {
        Template model = new Template();
        Mappers.identify(model, Hrefs.TEMPLATES, entity.getId());
        model.setName(entity.getName());
        model.setDescription(entity.getDescription());
        model.setCluster(Mappers.ref(new Cluster(), Hrefs.CLUSTERS, entity.getClusterId())); // none for Blank
        model.setMemory(Mappers.mbToBytes(entity.getMemSizeMb()));
        model.setCpu(Mappers.toCpuTopology(entity.getNumOfCpus()));
        if (entity.getOsType() != null) {
            OperatingSystem os = new OperatingSystem();
            os.setType(entity.getOsType());
            model.setOs(os);
        }
        model.setCreationTime(Mappers.toXml(entity.getCreationDate()));
        model.setTrustedHostFlag(entity.isTrustedHostFlag());
        return model;
    }

    /**
     * Applies what the document names onto a copy of {@code existing} (a new entity when null). The
     * source VM of a new template is not part of the entity: see {@link #sourceVmId(Template)}.
     */
    public static VmTemplate map(Template model, VmTemplate existing) {
        VmTemplate entity = copy(existing);
        if (model.getId() != null) {
            entity.setId(Mappers.uuid(model.getId()));
        }
        if (model.getName() != null) {
            entity.setName(model.getName());
        }
        if (model.getDescription() != null) {
            entity.setDescription(model.getDescription());
        }
        UUID clusterId = Mappers.refId(model.getCluster());
        if (clusterId != null) {
            if (!clusterId.equals(entity.getClusterId())) {
                entity.setClusterName(null); // it named the old cluster
            }
            entity.setClusterId(clusterId);
        }
        if (model.getMemory() != null) {
            entity.setMemSizeMb(Mappers.bytesToMb(model.getMemory()));
        }
        Integer cpus = Mappers.toNumOfCpus(model.getCpu());
        if (cpus != null) {
            entity.setNumOfCpus(cpus);
        }
        if (model.getOs() != null && model.getOs().getType() != null) {
            entity.setOsType(model.getOs().getType());
        }
        if (model.isTrustedHostFlag() != null) {
            entity.setTrustedHostFlag(model.isTrustedHostFlag());
        }
        return entity;
    }

    /** {@code <template><name>t</name><vm id="..."/></template>} makes a template from that VM. */
    public static UUID sourceVmId(Template model) {
        return Mappers.refId(model.getVm());
    }

    static VmTemplate copy(VmTemplate from) {
        VmTemplate to = new VmTemplate();
        if (from != null) {
            to.setId(from.getId());
            to.setName(from.getName());
            to.setDescription(from.getDescription());
            to.setClusterId(from.getClusterId());
            to.setMemSizeMb(from.getMemSizeMb());
            to.setNumOfCpus(from.getNumOfCpus());
            to.setOsType(from.getOsType());
            to.setTrustedHostFlag(from.isTrustedHostFlag());
            to.setCreationDate(from.getCreationDate());
            to.setClusterName(from.getClusterName());
        }
        return to;
    }
}
