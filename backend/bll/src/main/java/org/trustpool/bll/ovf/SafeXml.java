package org.trustpool.bll.ovf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one XML parser for OVF files that may come from anywhere: no DOCTYPE (hence no entity expansion, no
 * XXE), no external entities, DTDs or schemas, no XInclude, secure processing on, namespace aware, and a size
 * limit checked before a byte is parsed. Every failure is an {@link OvfException} with a readable message.
 */
public final class SafeXml {
    /** The largest OVF accepted: 10 MiB. oVirt's own OVFs are a few tens of KiB. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private SafeXml() {
    }

    /** Reads at most {@link #MAX_BYTES} from the stream and parses them; a longer stream is refused unparsed. */
    public static Document parse(InputStream in) throws OvfException {
        if (in == null) {
            throw new OvfException("OVF refused: no input");
        }
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new OvfException("OVF could not be read: " + e.getMessage(), e);
        }
        return parse(bytes);
    }

    public static Document parse(byte[] bytes) throws OvfException {
        if (bytes == null || bytes.length == 0) {
            throw new OvfException("OVF refused: the document is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new OvfException("OVF refused: the document is larger than the limit of " + MAX_BYTES
                    + " bytes (10 MiB)");
        }
        DocumentBuilder builder = newBuilder();
        try {
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new OvfException(describe(e), e);
        } catch (SAXException e) {
            throw new OvfException("OVF refused: the document is not well-formed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OvfException("OVF could not be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new OvfException("OVF refused: the XML parser failed: " + e, e);
        }
    }

    private static String describe(SAXParseException e) {
        String msg = String.valueOf(e.getMessage());
        String where = " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")";
        if (msg.contains("DOCTYPE")) {
            return "OVF refused: document type declarations (DOCTYPE) are not allowed, they can define entities"
                    + " that read local files or expand without bound" + where;
        }
        if (msg.contains("XML document structures must start and end")
                || msg.contains("Premature end of file")) {
            return "OVF refused: the document is truncated or incomplete" + where;
        }
        if (msg.contains("entity")) {
            return "OVF refused: entities are not allowed: " + msg + where;
        }
        return "OVF refused: the document is not well-formed XML: " + msg + where;
    }

    static DocumentBuilder newBuilder() throws OvfException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setValidating(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // never resolve anything from outside, even if a later parser change let a DOCTYPE through
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            // the default handler prints "[Fatal Error]" to stderr; we report through OvfException only
            b.setErrorHandler(new ErrorHandler() {
                @Override public void warning(SAXParseException e) { }
                @Override public void error(SAXParseException e) throws SAXException { throw e; }
                @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }
            });
            return b;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new OvfException("OVF parser could not be configured safely: " + e.getMessage(), e);
        }
    }

    /** For tests and diagnostics: the same parser on a string. */
    static Document parse(String xml) throws OvfException {
        return parse(xml == null ? null : xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
