package org.trustpool.restapi.util;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.annotation.XmlRootElement;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON for clients that ask for it (Accept: application/json), in oVirt's JSON shape: the same
 * names as the XML, attributes as fields, repeated elements and collection members as arrays.
 * Built from the XML the JAXB classes write, so XML and JSON never disagree.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class JsonWriter implements MessageBodyWriter<Object> {
    /** Elements that are lists even when there is only one (oVirt writes them as arrays). */
    private static final Set<String> ALWAYS_LISTS = Set.of("link");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<Class<?>, JAXBContext> contexts = new ConcurrentHashMap<>();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isAnnotationPresent(XmlRootElement.class);
    }

    @Override
    public void writeTo(Object entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        try {
            mapper.writeValue(out, toJson(entity));
        } catch (JAXBException | ParserConfigurationException e) {
            throw new WebApplicationException("cannot write JSON", e);
        }
    }

    JsonNode toJson(Object entity) throws JAXBException, ParserConfigurationException {
        JAXBContext context = contexts.computeIfAbsent(entity.getClass(), this::context);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        context.createMarshaller().marshal(entity, document);
        Element root = document.getDocumentElement();
        return convert(root, isCollection(root));
    }

    private JAXBContext context(Class<?> type) {
        try {
            return JAXBContext.newInstance(type);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A collection document (<clusters> holding <cluster>s): its members are always an array. */
    private static boolean isCollection(Element root) {
        String name = root.getTagName();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && !(e.getTagName() + "s").equals(name)) {
                return false;
            }
        }
        return name.endsWith("s");
    }

    private JsonNode convert(Element element, boolean membersAreList) {
        List<Element> children = childElements(element);
        NamedNodeMap attributes = element.getAttributes();
        if (children.isEmpty() && attributes.getLength() == 0 && membersAreList) {
            return mapper.createObjectNode(); // an empty collection, as oVirt writes it: {}
        }
        if (children.isEmpty() && attributes.getLength() == 0) {
            return mapper.getNodeFactory().textNode(element.getTextContent());
        }
        ObjectNode object = mapper.createObjectNode();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            object.put(attribute.getNodeName(), attribute.getNodeValue());
        }
        Map<String, List<Element>> byName = new LinkedHashMap<>();
        for (Element child : children) {
            byName.computeIfAbsent(child.getTagName(), k -> new ArrayList<>()).add(child);
        }
        byName.forEach((name, group) -> {
            if (group.size() > 1 || membersAreList || ALWAYS_LISTS.contains(name)) {
                ArrayNode array = object.putArray(name);
                group.forEach(child -> array.add(convert(child, false)));
            } else {
                object.set(name, convert(group.get(0), false));
            }
        });
        return object;
    }

    private static List<Element> childElements(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }
}
