package org.trustpool.attestation.rest;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Our one ObjectMapper and strict reading of request bodies. */
public final class Json {

    /** Far above any real request (1,000 host names are ~20 KB), far below anything that hurts. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /**
     * Duplicate keys are refused: two "hosts" or two "aik_public_pem" in one body would be read
     * differently by different parsers, a classic way to slip one value past a check.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body as a JSON object, or a reason why not. */
    public static ObjectNode readObject(byte[] body) throws InvalidRequestException {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("the request has no body; a JSON object was expected");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("the body cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Reads at most {@link #MAX_BODY_BYTES}; a larger body is refused, not truncated. */
    public static byte[] readBody(InputStream in) throws InvalidRequestException {
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new InvalidRequestException("the body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new InvalidRequestException("the body cannot be read: " + e.getMessage());
        }
    }

    /** A required string field, bounded and free of control characters. */
    public static String text(ObjectNode o, String field, int maxLength) throws InvalidRequestException {
        return text(o, field, maxLength, false);
    }

    /** @param lineBreaks whether CR and LF are allowed (a PEM block has them) */
    public static String text(ObjectNode o, String field, int maxLength, boolean lineBreaks) throws InvalidRequestException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new InvalidRequestException(field + " is missing");
        }
        if (!n.isTextual()) {
            throw new InvalidRequestException(field + " must be a string");
        }
        String s = n.asText();
        if (s.isBlank()) {
            throw new InvalidRequestException(field + " must not be empty");
        }
        if (s.length() > maxLength) {
            throw new InvalidRequestException(field + " is longer than " + maxLength + " characters");
        }
        if (s.chars().anyMatch(c -> Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\r')))) {
            throw new InvalidRequestException(field + " contains control characters");
        }
        return s;
    }
}
