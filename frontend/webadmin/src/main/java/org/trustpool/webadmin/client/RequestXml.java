package org.trustpool.webadmin.client;

/**
 * The documents the portal sends, in api.xsd's element order. Plain Java so that the mapping of each
 * dialog choice to XML is tested on the JVM.
 */
final class RequestXml {
    private static final long MB = 1024L * 1024L;

    /** The "Run on" options of the VM dialog's Host side tab. */
    enum RunOn { ANY_HOST, SPECIFIC_HOST, TRUSTED_HOST }

    private RequestXml() {
    }

    /** What the New/Edit Cluster dialog collects. */
    static final class ClusterSpec {
        String name;
        String description;
        String dataCenterId;
        String cpuType;
        /** "4.7" */
        String version;
        boolean trustedService;
    }

    static String cluster(ClusterSpec c, boolean trustedServiceSwitch) {
        StringBuilder xml = new StringBuilder("<cluster>");
        xml.append(XmlText.element("name", c.name));
        xml.append(XmlText.element("description", c.description));
        if (c.cpuType != null) {
            xml.append("<cpu>").append(XmlText.element("type", c.cpuType)).append("</cpu>");
        }
        if (c.dataCenterId != null) {
            xml.append(XmlText.ref("data_center", c.dataCenterId));
        }
        if (trustedServiceSwitch) {
            xml.append(XmlText.element("trusted_service", String.valueOf(c.trustedService)));
        }
        if (c.version != null) {
            int dot = c.version.indexOf('.');
            xml.append("<version>").append(XmlText.element("major", c.version.substring(0, dot)))
                    .append(XmlText.element("minor", c.version.substring(dot + 1))).append("</version>");
        }
        return xml.append("</cluster>").toString();
    }

    /** What the New/Edit VM dialog collects. */
    static final class VmSpec {
        String name;
        String description;
        String clusterId;
        /** Only for a new VM: a VM's template is history and cannot change. */
        String templateId;
        long memoryMb;
        int cpus;
        RunOn runOn = RunOn.ANY_HOST;
        /** The host of "Specific Host". */
        String hostId;
        /** "migratable" or "pinned". */
        String affinity = "migratable";
    }

    /**
     * "Specific Host" is {@code <placement_policy><affinity>pinned</affinity><hosts><host id=".."/></hosts>};
     * the other options send an empty {@code <hosts/>}, which unpins a VM that was pinned before.
     * "Run on Trusted Host" is {@code <trusted_host_flag>true</trusted_host_flag>}, sent only when its
     * switch is on.
     */
    static String vm(VmSpec v, boolean trustedHostSwitch) {
        StringBuilder xml = new StringBuilder("<vm>");
        xml.append(XmlText.element("name", v.name));
        xml.append(XmlText.element("description", v.description));
        xml.append(XmlText.ref("cluster", v.clusterId));
        xml.append("<cpu><topology><cores>1</cores><sockets>").append(v.cpus).append("</sockets><threads>1</threads></topology></cpu>");
        xml.append(XmlText.element("memory", String.valueOf(v.memoryMb * MB)));
        xml.append("<placement_policy>");
        if (v.runOn == RunOn.SPECIFIC_HOST) {
            xml.append(XmlText.element("affinity", "pinned"));
            xml.append("<hosts>").append(XmlText.ref("host", v.hostId)).append("</hosts>");
        } else {
            xml.append(XmlText.element("affinity", v.affinity));
            xml.append("<hosts/>");
        }
        xml.append("</placement_policy>");
        if (v.templateId != null) {
            xml.append(XmlText.ref("template", v.templateId));
        }
        if (trustedHostSwitch) {
            xml.append(XmlText.element("trusted_host_flag", String.valueOf(v.runOn == RunOn.TRUSTED_HOST)));
        }
        return xml.append("</vm>").toString();
    }

    static String host(String name, String address, int port, String clusterId) {
        return "<host>" + XmlText.element("name", name) + XmlText.element("address", address)
                + XmlText.ref("cluster", clusterId) + XmlText.element("port", String.valueOf(port)) + "</host>";
    }

    /** Edit Host: only the fields given (not null) are in the document, so only they change. */
    static String hostEdit(String name, String address, String port, String clusterId) {
        return "<host>" + (name == null ? "" : XmlText.element("name", name))
                + (address == null ? "" : XmlText.element("address", address))
                + (clusterId == null ? "" : XmlText.ref("cluster", clusterId))
                + (port == null ? "" : XmlText.element("port", port)) + "</host>";
    }

    /** Make Template: {@code <template><name>..</name><vm id=".."/></template>}. */
    static String template(String name, String description, String vmId) {
        return "<template>" + XmlText.element("name", name) + XmlText.element("description", description)
                + XmlText.ref("vm", vmId) + "</template>";
    }

    /** An action, with the host to run or migrate to when one was chosen. */
    /** Edit Template: name, description, memory and CPUs (its cluster and trust are not edited). */
    static String templateEdit(String name, String description, long memoryMb, int cpus) {
        return "<template>" + XmlText.element("name", name) + XmlText.element("description", description)
                + XmlText.element("memory", String.valueOf(memoryMb * MB))
                + "<cpu><topology><cores>1</cores><sockets>" + cpus + "</sockets><threads>1</threads></topology></cpu></template>";
    }

    static String action(String hostId) {
        return hostId == null || hostId.isEmpty() ? "<action/>" : "<action>" + XmlText.ref("host", hostId) + "</action>";
    }

    /**
     * Export: {@code <action/>}; with Force Override {@code <action><exclusive>true</exclusive></action>},
     * which replaces an earlier export of the same VM or template (without it the engine refuses).
     */
    static String export(boolean forceOverride) {
        return forceOverride ? "<action>" + XmlText.element("exclusive", "true") + "</action>" : "<action/>";
    }

    /**
     * Import into a cluster: {@code <action><cluster id=".."/></action>}. {@code <force>true</force>} is added
     * only after the administrator confirmed importing a trusted cluster's export into a cluster that is
     * not trusted; it is never sent on the first try, so the engine gets to say what would be lost.
     */
    static String importInto(String clusterId, boolean confirmedTrustLoss) {
        return "<action>" + XmlText.ref("cluster", clusterId)
                + (confirmedTrustLoss ? XmlText.element("force", "true") : "") + "</action>";
    }
}
