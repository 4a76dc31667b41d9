package org.trustpool.restapi.types;

import java.io.StringReader;
import java.io.StringWriter;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

import org.trustpool.api.model.ObjectFactory;

/** JAXB over the generated model, as the REST layer will use it. */
final class Xml {

    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Xml() {
    }

    static String marshal(Object root) {
        try {
            StringWriter out = new StringWriter();
            CONTEXT.createMarshaller().marshal(root, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new AssertionError(e);
        }
    }

    static <T> T unmarshal(String xml, Class<T> type) {
        try {
            return type.cast(CONTEXT.createUnmarshaller().unmarshal(new StringReader(xml)));
        } catch (JAXBException e) {
            throw new AssertionError(e);
        }
    }
}
