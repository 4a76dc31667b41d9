package org.trustpool.bll.ovf;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** oVirt's OVF dialect: names, namespaces and the helpers the readers and writers share. */
final class Ovf {
    static final String OVF_NS = "http://schemas.dmtf.org/ovf/envelope/1/";
    static final String RASD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData";
    static final String VSSD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    /** The OVF version we write; oVirt writes its engine version here. */
    static final String VERSION = "4.4.0.0";
    /** oVirt's date format, in UTC. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    static final String VIRTUAL_SYSTEM = "ovf:VirtualSystem_Type";
    static final String VIRTUAL_SYSTEM_COLLECTION = "ovf:VirtualSystemCollection_Type";
    static final String OS_SECTION = "ovf:OperatingSystemSection_Type";
    static final String HARDWARE_SECTION = "ovf:VirtualHardwareSection_Type";

    static final int RESOURCE_CPU = 3;
    static final int RESOURCE_MEMORY = 4;

    static final String TRUSTED_HOST_FLAG = "TrustedHostFlag";
    static final String TRUSTED_SERVICE = "TrustedService";

    private Ovf() {
    }

    // ---------------------------------------------------------------- writing

    /** A small indenting wrapper on StAX, which escapes text and attributes for us. */
    static final class Writer {
        private final StringWriter out = new StringWriter();
        private final XMLStreamWriter w;
        private int depth;
        private boolean lastWasText;

        Writer() throws OvfException {
            try {
                w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
                w.writeStartDocument("UTF-8", "1.0");
            } catch (XMLStreamException e) {
                throw new OvfException("OVF could not be written: " + e.getMessage(), e);
            }
        }

        /**
         * The Envelope with oVirt's (empty) References, network and disk sections, then the open
         * VirtualSystem Content both VMs and templates are written into.
         */
        void startVirtualSystem() throws OvfException {
            startEnvelope();
            start("References").end();
            start("Section").xsiType("ovf:NetworkSection_Type").element("Info", "The list of logical networks").end();
            start("Section").xsiType("ovf:DiskSection_Type").element("Info", "List of Virtual Disks").end();
            start("Content").ovfAttr("id", "out").xsiType(VIRTUAL_SYSTEM);
        }

        void startEnvelope() throws OvfException {
            try {
                newline();
                w.setPrefix("ovf", OVF_NS);
                w.setPrefix("rasd", RASD_NS);
                w.setPrefix("vssd", VSSD_NS);
                w.setPrefix("xsi", XSI_NS);
                w.writeStartElement("ovf", "Envelope", OVF_NS);
                w.writeNamespace("ovf", OVF_NS);
                w.writeNamespace("rasd", RASD_NS);
                w.writeNamespace("vssd", VSSD_NS);
                w.writeNamespace("xsi", XSI_NS);
                w.writeAttribute("ovf", OVF_NS, "version", VERSION);
                depth++;
            } catch (XMLStreamException e) {
                throw fail(e);
            }
        }

        /** Starts an element in no namespace (oVirt's Content, Name, Section, Item, ...). */
        Writer start(String name) throws OvfException {
            return start(null, null, name);
        }

        Writer start(String prefix, String ns, String name) throws OvfException {
            try {
                newline();
                if (ns == null) {
                    w.writeStartElement(name);
                } else {
                    w.writeStartElement(prefix, name, ns);
                }
                depth++;
                lastWasText = false;
                return this;
            } catch (XMLStreamException e) {
                throw fail(e);
            }
        }

        Writer ovfAttr(String name, String value) throws OvfException {
            return attr("ovf", OVF_NS, name, value);
        }

        Writer xsiType(String value) throws OvfException {
            return attr("xsi", XSI_NS, "type", value);
        }

        private Writer attr(String prefix, String ns, String name, String value) throws OvfException {
            try {
                w.writeAttribute(prefix, ns, name, value);
                return this;
            } catch (XMLStreamException e) {
                throw fail(e);
            }
        }

        Writer end() throws OvfException {
            try {
                depth--;
                if (!lastWasText) {
                    newline();
                }
                w.writeEndElement();
                lastWasText = false;
                return this;
            } catch (XMLStreamException e) {
                throw fail(e);
            }
        }

        /** An element with text; null values are left out. */
        Writer element(String name, Object value) throws OvfException {
            return element(null, null, name, value);
        }

        Writer element(String prefix, String ns, String name, Object value) throws OvfException {
            if (value == null) {
                return this;
            }
            start(prefix, ns, name);
            try {
                w.writeCharacters(String.valueOf(value));
            } catch (XMLStreamException e) {
                throw fail(e);
            }
            lastWasText = true;
            return end();
        }

        Writer rasd(String name, Object value) throws OvfException {
            return element("rasd", RASD_NS, name, value);
        }

        String finish() throws OvfException {
            try {
                while (depth > 0) {
                    end();
                }
                w.writeCharacters("\n");
                w.writeEndDocument();
                w.close();
                return out.toString();
            } catch (XMLStreamException e) {
                throw fail(e);
            }
        }

        private void newline() throws XMLStreamException {
            w.writeCharacters("\n" + "  ".repeat(Math.max(depth, 0)));
        }

        private static OvfException fail(XMLStreamException e) {
            return new OvfException("OVF could not be written: " + e.getMessage(), e);
        }
    }

    static String date(Instant instant) {
        return instant == null ? null : DATE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The operating system section; oVirt puts the VM or template id in its ovf:id. */
    static void writeOs(Writer w, UUID id, String osType) throws OvfException {
        w.start("Section");
        if (id != null) {
            w.ovfAttr("id", id.toString());
        }
        w.ovfAttr("required", "false").xsiType(OS_SECTION);
        w.element("Info", "Guest Operating System");
        w.element("Description", osType);
        w.end();
    }

    /** The hardware section with the CPU and memory items (sockets = CPUs, one core and thread each). */
    static void writeHardware(Writer w, int numOfCpus, int memSizeMb) throws OvfException {
        w.start("Section").xsiType(HARDWARE_SECTION);
        w.element("Info", numOfCpus + " CPU, " + memSizeMb + " Memory");
        w.start("System").element("vssd", VSSD_NS, "VirtualSystemType", "ENGINE " + VERSION).end();
        w.start("Item");
        w.rasd("Caption", numOfCpus + " virtual cpu");
        w.rasd("Description", "Number of virtual CPU");
        w.rasd("InstanceId", 1);
        w.rasd("ResourceType", RESOURCE_CPU);
        w.rasd("num_of_sockets", numOfCpus);
        w.rasd("cpu_per_socket", 1);
        w.rasd("threads_per_cpu", 1);
        w.end();
        w.start("Item");
        w.rasd("Caption", memSizeMb + " MB of memory");
        w.rasd("Description", "Memory Size");
        w.rasd("InstanceId", 2);
        w.rasd("ResourceType", RESOURCE_MEMORY);
        w.rasd("AllocationUnits", "MegaBytes");
        w.rasd("VirtualQuantity", memSizeMb);
        w.end();
        w.end();
    }

    // ---------------------------------------------------------------- reading

    /** The root must be ovf:Envelope; returns its Content (a virtual system or a collection). */
    static Element content(Document doc) throws OvfException {
        Element root = doc.getDocumentElement();
        if (root == null || !"Envelope".equals(root.getLocalName()) || !OVF_NS.equals(root.getNamespaceURI())) {
            String found = root == null ? "nothing" : "<" + root.getNodeName() + ">"
                    + (root.getNamespaceURI() == null ? "" : " in namespace " + root.getNamespaceURI());
            throw new OvfException("OVF refused: the root element must be ovf:Envelope in namespace " + OVF_NS
                    + ", found " + found);
        }
        for (Element c : children(root, "Content")) {
            String type = c.getAttributeNS(XSI_NS, "type");
            if (type.isEmpty() || type.endsWith(":VirtualSystem_Type") || type.endsWith(":VirtualSystemCollection_Type")
                    || type.equals("VirtualSystem_Type") || type.equals("VirtualSystemCollection_Type")) {
                return c;
            }
        }
        throw new OvfException("OVF refused: the Envelope has no Content element of type "
                + VIRTUAL_SYSTEM + " or " + VIRTUAL_SYSTEM_COLLECTION);
    }

    /** Child elements with this local name, in any namespace. */
    static List<Element> children(Element parent, String localName) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                list.add(e);
            }
        }
        return list;
    }

    static Element child(Element parent, String localName) {
        List<Element> list = children(parent, localName);
        return list.isEmpty() ? null : list.get(0);
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }

    /** The trimmed text of a child, or null when the child is absent. */
    static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? null : e.getTextContent().trim();
    }

    static String requiredText(Element parent, String localName, String what) throws OvfException {
        String t = text(parent, localName);
        if (t == null || t.isEmpty()) {
            throw new OvfException("OVF refused: the " + what + " has no " + localName);
        }
        return t;
    }

    /** The Section children of Content with this xsi:type. */
    static Element section(Element content, String type) {
        for (Element s : children(content, "Section")) {
            String t = s.getAttributeNS(XSI_NS, "type");
            if (type.equals(t) || type.substring(type.indexOf(':') + 1).equals(t.substring(t.indexOf(':') + 1))) {
                return s;
            }
        }
        return null;
    }

    static UUID uuid(String value, String what) throws OvfException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new OvfException("OVF refused: " + what + " is not a UUID: '" + shorten(value) + "'");
        }
    }

    /** A boolean property; absent means the default, anything but true/false is refused (it may be a trust flag). */
    static boolean bool(Element parent, String localName, boolean dflt) throws OvfException {
        String t = text(parent, localName);
        if (t == null || t.isEmpty()) {
            return dflt;
        }
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new OvfException("OVF refused: " + localName + " must be true or false, found '" + shorten(t) + "'");
    }

    static Integer integer(String value, String what) throws OvfException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new OvfException("OVF refused: " + what + " is not a number: '" + shorten(value) + "'");
        }
    }

    static Instant date(String value, String what) throws OvfException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new OvfException("OVF refused: " + what + " is not a date like 2024/01/31 13:45:00: '"
                    + shorten(value) + "'");
        }
    }

    /** Reads the CPU and memory items of the hardware section; other resource types are ignored. */
    static int[] hardware(Element content, int dfltCpus, int dfltMemMb) throws OvfException {
        int cpus = dfltCpus;
        int mem = dfltMemMb;
        Element hw = section(content, HARDWARE_SECTION);
        if (hw == null) {
            return new int[] {cpus, mem};
        }
        for (Element item : children(hw, "Item")) {
            Integer type = integer(text(item, "ResourceType"), "an Item's rasd:ResourceType");
            if (type == null) {
                continue;
            }
            if (type == RESOURCE_CPU) {
                Integer sockets = integer(text(item, "num_of_sockets"), "rasd:num_of_sockets");
                Integer perSocket = integer(text(item, "cpu_per_socket"), "rasd:cpu_per_socket");
                Integer threads = integer(text(item, "threads_per_cpu"), "rasd:threads_per_cpu");
                long n = (long) (sockets == null ? 1 : sockets) * (perSocket == null ? 1 : perSocket)
                        * (threads == null ? 1 : threads);
                if (n < 1 || n > 4096) {
                    throw new OvfException("OVF refused: the number of virtual CPUs (" + n + ") is out of range");
                }
                cpus = (int) n;
            } else if (type == RESOURCE_MEMORY) {
                Integer q = integer(text(item, "VirtualQuantity"), "the memory rasd:VirtualQuantity");
                if (q != null) {
                    if (q < 1) {
                        throw new OvfException("OVF refused: the memory size (" + q + " MB) is out of range");
                    }
                    mem = q;
                }
            }
        }
        return new int[] {cpus, mem};
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
