package org.trustpool.launcher;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * Reads the engine's {@code <hosts>} and {@code <fault>} documents. DTDs are refused outright:
 * the document comes over the network and has no business declaring entities.
 */
final class HostsXml {

    /** A host as the engine lists it; address and port are those of its agent (null when absent). */
    record Host(String id, String name, String status, String address, String port) {
        /** Whether this is the engine's record of the agent at {@code address}:{@code port}. */
        boolean at(String otherAddress, int otherPort) {
            return address != null && address.equalsIgnoreCase(otherAddress) && String.valueOf(otherPort).equals(port);
        }
    }

    private HostsXml() {
    }

    /** The hosts of a {@code <hosts>} document; name and status are the host's own children, not nested ones. */
    static List<Host> parseHosts(String xml) {
        Element root = parse(xml).getDocumentElement();
        if (!root.getTagName().equals("hosts")) {
            throw new IllegalArgumentException("expected <hosts>, got <" + root.getTagName() + ">");
        }
        List<Host> hosts = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("host")) {
                hosts.add(new Host(e.hasAttribute("id") ? e.getAttribute("id") : null,
                        childText(e, "name"), childText(e, "status"), childText(e, "address"), childText(e, "port")));
            }
        }
        return hosts;
    }

    /** "reason: detail" of an oVirt {@code <fault>}, if that is what the body is. */
    static Optional<String> faultMessage(String xml) {
        try {
            Element root = parse(xml).getDocumentElement();
            if (!root.getTagName().equals("fault")) {
                return Optional.empty();
            }
            String reason = childText(root, "reason");
            String detail = childText(root, "detail");
            String text = reason == null ? detail : detail == null ? reason : reason + ": " + detail;
            return Optional.ofNullable(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String childText(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // throw instead of the default handler's "[Fatal Error]" lines on stderr
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not a well-formed XML document: " + e.getMessage(), e);
        }
    }
}
