package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Typed, validating access to a request's named params. Every failure is a -32602 whose
 * message names the offending parameter, so callers can tell what to fix.
 */
public final class Params {

    /** Canonical form only: UUID.fromString alone would also accept oddities like "1-2-3-4-5". */
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ObjectNode node;

    public Params(ObjectNode node) {
        this.node = node;
    }

    public UUID uuid(String name) throws JsonRpcException {
        JsonNode value = required(name);
        if (!value.isTextual() || !UUID_TEXT.matcher(value.textValue()).matches()) {
            throw JsonRpcException.invalidParams("'" + name + "' must be a UUID string");
        }
        return UUID.fromString(value.textValue());
    }

    public int positiveInt(String name) throws JsonRpcException {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
            throw JsonRpcException.invalidParams("'" + name + "' must be a positive integer");
        }
        return value.intValue();
    }

    public String text(String name, int maxLength) throws JsonRpcException {
        JsonNode value = required(name);
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > maxLength) {
            throw JsonRpcException.invalidParams(
                    "'" + name + "' must be a non-blank string of at most " + maxLength + " characters");
        }
        return value.textValue();
    }

    public boolean optionalBoolean(String name, boolean defaultValue) throws JsonRpcException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw JsonRpcException.invalidParams("'" + name + "' must be a boolean");
        }
        return value.booleanValue();
    }

    /** Plain hex (either case, no "0x"), decoding to {@code minBytes..maxBytes} bytes. */
    public byte[] hexBytes(String name, int minBytes, int maxBytes) throws JsonRpcException {
        JsonNode value = required(name);
        String what = minBytes == maxBytes ? String.valueOf(minBytes) : minBytes + ".." + maxBytes;
        JsonRpcException invalid = JsonRpcException.invalidParams("'" + name + "' must be a hex string of " + what + " bytes");
        if (!value.isTextual()) {
            throw invalid;
        }
        String text = value.textValue();
        if (text.length() % 2 != 0 || text.length() < 2 * minBytes || text.length() > 2 * maxBytes) {
            throw invalid;
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw invalid;
        }
    }

    /** An integer in {@code min..max}. */
    public int intInRange(String name, int min, int max) throws JsonRpcException {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw JsonRpcException.invalidParams("'" + name + "' must be an integer in " + min + ".." + max);
        }
        return value.intValue();
    }

    /**
     * A non-empty array of distinct integers in {@code min..max}. Duplicates are refused rather
     * than merged: a selection is a set, and a caller sending one has a bug worth hearing about.
     */
    public SortedSet<Integer> distinctInts(String name, int min, int max) throws JsonRpcException {
        JsonNode value = required(name);
        JsonRpcException invalid = JsonRpcException.invalidParams(
                "'" + name + "' must be a non-empty array of distinct integers in " + min + ".." + max);
        if (!value.isArray() || value.isEmpty()) {
            throw invalid;
        }
        SortedSet<Integer> set = new TreeSet<>();
        for (JsonNode item : value) {
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < min || item.intValue() > max
                    || !set.add(item.intValue())) {
                throw invalid;
            }
        }
        return set;
    }

    /** An absolute http(s) URL with a host; anything else could make the agent call odd places. */
    public URI httpUrl(String name) throws JsonRpcException {
        JsonNode value = required(name);
        JsonRpcException invalid = JsonRpcException.invalidParams("'" + name + "' must be an http(s) URL");
        if (!value.isTextual()) {
            throw invalid;
        }
        try {
            URI uri = new URI(value.textValue());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw invalid;
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid;
        }
    }

    private JsonNode required(String name) throws JsonRpcException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw JsonRpcException.invalidParams("missing '" + name + "'");
        }
        return value;
    }
}
