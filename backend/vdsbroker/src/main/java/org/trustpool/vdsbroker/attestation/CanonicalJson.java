package org.trustpool.vdsbroker.attestation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bytes the attestation service's signature covers: the JSON value with every object's keys
 * sorted (by {@link String#compareTo}), no whitespace, UTF-8, strings escaped as Jackson writes them.
 * Computed from what we parsed, so only the content counts, not its form on the wire. The same
 * rule as the service's (attestation module, sign.CanonicalJson): change both or neither.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode value) {
        try {
            return MAPPER.writeValueAsBytes(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write canonical JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            names.forEach(n -> o.set(n, sorted(value.get(n))));
            return o;
        }
        if (value.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> a.add(sorted(v)));
            return a;
        }
        return value;
    }
}
