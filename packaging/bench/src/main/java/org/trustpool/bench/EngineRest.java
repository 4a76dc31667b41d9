package org.trustpool.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;

/** The engine's REST API as the scenarios on a running system use it: real HTTP, XML answers read with XPath. */
final class EngineRest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization;

    EngineRest(URI base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    record Reply(int status, String body) {
        String text(String xpath) {
            return (String) evaluate(xpath, XPathConstants.STRING);
        }

        int count(String xpath) {
            return ((Double) evaluate("count(" + xpath + ")", XPathConstants.NUMBER)).intValue();
        }

        private Object evaluate(String xpath, javax.xml.namespace.QName type) {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
                return XPathFactory.newInstance().newXPath().evaluate(xpath, doc, type);
            } catch (XPathExpressionException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | IOException e) {
                throw new IllegalStateException("cannot read " + xpath + " in the answer (HTTP " + status + "): " + body, e);
            }
        }
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, String xml) {
        return send("POST", path, xml);
    }

    Reply put(String path, String xml) {
        return send("PUT", path, xml);
    }

    /** The reply, if it has the expected status; else the scenario fails with what the engine said. */
    Reply expect(int status, Reply reply) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected HTTP " + status + ", got " + reply.status() + ": " + reply.body());
        }
        return reply;
    }

    private Reply send(String method, String path, String xml) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/xml").header("Authorization", authorization);
        if (xml != null) {
            request.header("Content-Type", "application/xml");
        }
        request.method(method, xml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
