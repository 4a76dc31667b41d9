package org.trustpool.it;

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
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** A small REST client for the tests: real HTTP, answers parsed as XML. */
final class Api {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization;

    Api(URI base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Api as(String user, String password) {
        return new Api(base, user, password);
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

    Reply delete(String path) {
        return send("DELETE", path, null);
    }

    Reply send(String method, String path, String xml) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/xml");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (xml != null) {
            request.header("Content-Type", "application/xml");
            request.method(method, HttpRequest.BodyPublishers.ofString(xml));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String body) {
        Document xml() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("not XML (HTTP " + status + "): " + body, e);
            }
        }

        String at(String xpath) {
            try {
                return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, xml(), XPathConstants.STRING);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        int count(String xpath) {
            try {
                return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, xml(), XPathConstants.NODESET)).getLength();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override public String toString() { return "HTTP " + status + " " + body; }
    }
}
