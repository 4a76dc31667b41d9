package org.trustpool.attestation.rest;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of PollHosts, as OpenAttestation defined it and oVirt and Nova send it:
 * {@code {"count":2,"hosts":["h1","h2"]}}, or one host as a bare string {@code "hosts":"h1"}.
 * A count that contradicts the list is refused (the caller is confused about what it asks);
 * a missing count is fine.
 */
public final class PollHostsRequest {

    public static final int MAX_HOSTS = 10_000;
    public static final int MAX_NAME = 255;

    private PollHostsRequest() {
    }

    public static List<String> parse(byte[] body) throws InvalidRequestException {
        ObjectNode o = Json.readObject(body);
        JsonNode hosts = o.get("hosts");
        List<String> names = new ArrayList<>();
        if (hosts == null || hosts.isNull()) {
            throw new InvalidRequestException("hosts is missing: send {\"count\":N,\"hosts\":[\"name\",...]}");
        } else if (hosts.isTextual()) {
            names.add(name(hosts, "hosts"));
        } else if (hosts.isArray()) {
            if (hosts.size() > MAX_HOSTS) {
                throw new InvalidRequestException("at most " + MAX_HOSTS + " hosts per request, " + hosts.size() + " were sent");
            }
            for (int i = 0; i < hosts.size(); i++) {
                names.add(name(hosts.get(i), "hosts[" + i + "]"));
            }
        } else {
            throw new InvalidRequestException("hosts must be an array of host names or one host name");
        }
        JsonNode count = o.get("count");
        if (count != null && !count.isNull()) {
            if (!count.isIntegralNumber() || !count.canConvertToInt()) {
                throw new InvalidRequestException("count must be a whole number");
            }
            if (count.asInt() != names.size()) {
                throw new InvalidRequestException("count is " + count.asInt() + " but " + names.size() + " host"
                        + (names.size() == 1 ? " was" : "s were") + " sent");
            }
        }
        return names;
    }

    /**
     * The caller's own nonce ({@code "nonce":"hex"}, 16 to 64 bytes; an addition to OpenAttestation's
     * request), or null when it sent none. The service echoes it, signed, in every entry of the
     * answer, so the caller can tell that answer was made for this request and is not a recorded one.
     */
    public static String requestNonce(byte[] body) throws InvalidRequestException {
        JsonNode nonce = Json.readObject(body).get("nonce");
        if (nonce == null || nonce.isNull()) {
            return null;
        }
        if (!nonce.isTextual() || !nonce.asText().matches("[0-9a-fA-F]{32,128}") || nonce.asText().length() % 2 != 0) {
            throw new InvalidRequestException("nonce must be 16 to 64 bytes in hex");
        }
        return nonce.asText().toLowerCase(java.util.Locale.ROOT);
    }

    private static String name(JsonNode n, String where) throws InvalidRequestException {
        if (!n.isTextual()) {
            throw new InvalidRequestException(where + " must be a host name string");
        }
        String s = n.asText();
        if (s.isBlank() || s.length() > MAX_NAME || s.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(where + " is not a host name (1-" + MAX_NAME
                    + " characters, no control characters)");
        }
        return s;
    }
}
