package org.trustpool.webadmin.client;

import java.util.ArrayList;
import java.util.List;

import com.google.gwt.xml.client.Element;
import com.google.gwt.xml.client.Node;
import com.google.gwt.xml.client.NodeList;

/** The API's documents as the rows the portal shows. References carry ids only; names come from the Inventory. */
final class Rows {
    private Rows() {
    }

    static final class DataCenter {
        String id;
        String name;
    }

    static final class Cluster {
        String id;
        String name;
        String description;
        String dataCenterId;
        String cpuType;
        String version;
        boolean trustedService;
    }

    static final class Host {
        String id;
        String name;
        String address;
        String port;
        String clusterId;
        String status;
        String statusDetail;
        String memoryMb;
        String activeVms;
        /** trust/level: trusted, untrusted, unknown or timeout; "" for a host never attested. */
        String trustLevel;
        /** When the verdict was last checked (or, failing that, verified), as the API writes it. */
        String trustTime;
        String trustReason;
        /** Absolute times of the verdict, as the API writes them ("" when absent). */
        String trustVerifiedAt;
        String trustCheckedAt;
        /** SHA-256 of the TPM's endorsement key that enrolled under the host's name ("" when unknown). */
        String ekFingerprint;
        String cpuCores;
        /** The engine node that monitors the host ("" while none holds its lease). */
        String monitoredBy;
    }

    static final class Vm {
        String id;
        String name;
        String description;
        String clusterId;
        String templateId;
        String hostId;
        String status;
        String memoryMb;
        int cpus;
        String affinity;
        /** The host of placement_policy/hosts, when the VM is pinned to one. */
        String pinnedHostId;
        boolean trustedHost;
    }

    static final class Template {
        String id;
        String name;
        String description;
        String clusterId;
        String memoryMb;
        int cpus;
        String status;
        String created;
        boolean trustedHost;
    }

    /** A VM or template lying in the export directory, with the trust it had where it was exported from. */
    static final class Export {
        /** "VM" or "Template", as the Type column says it. */
        String type;
        String id;
        String name;
        String description;
        /** The cluster it was exported from: its name (it may not exist here) and whether it was trusted. */
        String originCluster;
        boolean originTrusted;
        boolean trustedHost;

        boolean isVm() {
            return VM.equals(type);
        }

        static final String VM = "VM";
        static final String TEMPLATE = "Template";
    }

    static final class Event {
        String id;
        /** The host (or VM) the event is about, when it names one. */
        String hostId;
        String vmId;
        String severity;
        String time;
        String description;
    }

    static List<DataCenter> dataCenters(Element root) {
        List<DataCenter> rows = new ArrayList<>();
        for (Element e : children(root, "data_center")) {
            DataCenter row = new DataCenter();
            row.id = e.getAttribute("id");
            row.name = text(e, "name");
            rows.add(row);
        }
        return rows;
    }

    static List<Cluster> clusters(Element root) {
        List<Cluster> rows = new ArrayList<>();
        for (Element e : children(root, "cluster")) {
            Cluster row = new Cluster();
            row.id = e.getAttribute("id");
            row.name = text(e, "name");
            row.description = text(e, "description");
            row.dataCenterId = refId(e, "data_center");
            row.cpuType = text(child(e, "cpu"), "type");
            Element version = child(e, "version");
            if (version != null) {
                row.version = text(version, "major") + "." + text(version, "minor");
            }
            row.trustedService = "true".equals(text(e, "trusted_service"));
            rows.add(row);
        }
        return rows;
    }

    static List<Host> hosts(Element root) {
        List<Host> rows = new ArrayList<>();
        for (Element e : children(root, "host")) {
            Host row = new Host();
            row.id = e.getAttribute("id");
            row.name = text(e, "name");
            row.address = text(e, "address");
            row.port = text(e, "port");
            row.clusterId = refId(e, "cluster");
            row.status = text(e, "status");
            row.statusDetail = text(e, "status_detail");
            row.memoryMb = XmlText.megabytes(text(e, "memory"));
            row.activeVms = text(child(e, "summary"), "active");
            Element trust = child(e, "trust");
            row.trustLevel = text(trust, "level");
            String checked = text(trust, "checked_at");
            row.trustTime = checked.isEmpty() ? text(trust, "verified_at") : checked;
            row.trustReason = text(trust, "reason");
            row.trustVerifiedAt = text(trust, "verified_at");
            row.trustCheckedAt = checked;
            row.ekFingerprint = text(trust, "ek_fingerprint");
            row.cpuCores = text(child(child(e, "cpu"), "topology"), "cores");
            row.monitoredBy = text(e, "monitored_by");
            rows.add(row);
        }
        return rows;
    }

    static List<Vm> vms(Element root) {
        List<Vm> rows = new ArrayList<>();
        for (Element e : children(root, "vm")) {
            Vm row = new Vm();
            row.id = e.getAttribute("id");
            row.name = text(e, "name");
            row.description = text(e, "description");
            row.clusterId = refId(e, "cluster");
            row.templateId = refId(e, "template");
            row.hostId = refId(e, "host");
            row.status = text(e, "status");
            row.memoryMb = XmlText.megabytes(text(e, "memory"));
            row.cpus = cpus(child(e, "cpu"));
            Element placement = child(e, "placement_policy");
            row.affinity = text(placement, "affinity");
            Element hosts = child(placement, "hosts");
            List<Element> pinned = children(hosts, "host");
            row.pinnedHostId = pinned.isEmpty() ? refId(placement, "host") : pinned.get(0).getAttribute("id");
            row.trustedHost = "true".equals(text(e, "trusted_host_flag"));
            rows.add(row);
        }
        return rows;
    }

    static List<Template> templates(Element root) {
        List<Template> rows = new ArrayList<>();
        for (Element e : children(root, "template")) {
            Template row = new Template();
            row.id = e.getAttribute("id");
            row.name = text(e, "name");
            row.description = text(e, "description");
            row.clusterId = refId(e, "cluster");
            row.memoryMb = XmlText.megabytes(text(e, "memory"));
            row.cpus = cpus(child(e, "cpu"));
            row.status = text(e, "status");
            row.created = XmlText.time(text(e, "creation_time"));
            row.trustedHost = "true".equals(text(e, "trusted_host_flag"));
            rows.add(row);
        }
        return rows;
    }

    /** GET /exports/vms ({@code <vms><vm>}) or /exports/templates ({@code <templates><template>}). */
    static List<Export> exports(Element root, String type) {
        List<Export> rows = new ArrayList<>();
        for (Element e : children(root, Export.VM.equals(type) ? "vm" : "template")) {
            Export row = new Export();
            row.type = type;
            row.id = e.getAttribute("id");
            row.name = text(e, "name");
            row.description = text(e, "description");
            Element origin = child(e, "cluster");
            row.originCluster = text(origin, "name");
            row.originTrusted = "true".equals(text(origin, "trusted_service"));
            row.trustedHost = "true".equals(text(e, "trusted_host_flag"));
            rows.add(row);
        }
        return rows;
    }

    static List<Event> events(Element root) {
        List<Event> rows = new ArrayList<>();
        for (Element e : children(root, "event")) {
            Event row = new Event();
            row.id = e.getAttribute("id");
            row.severity = text(e, "severity");
            row.time = XmlText.time(text(e, "time"));
            row.description = text(e, "description");
            row.hostId = refId(e, "host");
            row.vmId = refId(e, "vm");
            rows.add(row);
        }
        return rows;
    }

    /** cores * sockets * threads of a cpu/topology, as the engine counts virtual CPUs. */
    private static int cpus(Element cpu) {
        Element topology = child(cpu, "topology");
        if (topology == null) {
            return 0;
        }
        return number(text(topology, "cores")) * number(text(topology, "sockets")) * number(text(topology, "threads"));
    }

    private static int number(String text) {
        try {
            return text.isEmpty() ? 1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    // ------------------------------------------------------------- XML helpers (direct children only)

    static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node.getNodeType() == Node.ELEMENT_NODE && tag.equals(((Element) node).getTagName())) {
                found.add((Element) node);
            }
        }
        return found;
    }

    static Element child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The text of a direct child element, "" when absent. */
    static String text(Element parent, String tag) {
        Element e = child(parent, tag);
        if (e == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(node.getNodeValue());
            }
        }
        return text.toString();
    }

    /** The id attribute of a direct child reference, null when absent. */
    static String refId(Element parent, String tag) {
        Element e = child(parent, tag);
        if (e == null || !e.hasAttribute("id")) {
            return null;
        }
        return e.getAttribute("id");
    }
}
