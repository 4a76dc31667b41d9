package org.trustpool.attestation.rest;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.trustpool.attestation.whitelist.Mle;
import org.trustpool.attestation.whitelist.MleType;

/**
 * The body of POST /mles: {"type":"BIOS"|"VMM","name":..,"version":..,"pcrs":{"0":"hex64",..}},
 * with every PCR of its type (BIOS 0-7, VMM 17-19).
 */
public final class MleRequest {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private MleRequest() {
    }

    public static Mle parse(byte[] body) throws InvalidRequestException {
        ObjectNode o = Json.readObject(body);
        String typeName = Json.text(o, "type", 8);
        MleType type = MleType.parse(typeName);
        if (type == null) {
            throw new InvalidRequestException("type must be BIOS or VMM, not '" + typeName + "'");
        }
        String name = Json.text(o, "name", HostRegistration.MAX_TEXT);
        String version = Json.text(o, "version", HostRegistration.MAX_TEXT);
        JsonNode pcrs = o.get("pcrs");
        if (pcrs == null || !pcrs.isObject() || pcrs.isEmpty()) {
            throw new InvalidRequestException("pcrs must be an object of PCR number to SHA-256 hex, with at least one PCR");
        }
        Map<Integer, String> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pcrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Integer index = null;
            try {
                index = Integer.valueOf(e.getKey());
            } catch (NumberFormatException ex) {
                // reported below
            }
            // a BIOS MLE can only speak for PCR 0-7 and a VMM one for 17-19: anything else would
            // be a value no quote of ours is ever checked against
            if (index == null || !type.pcrs().contains(index) || !e.getKey().equals(index.toString())) {
                throw new InvalidRequestException("pcrs of a " + type + " MLE are PCR " + type.pcrs() + ", not '"
                        + e.getKey() + "'");
            }
            if (!e.getValue().isTextual() || !SHA256_HEX.matcher(e.getValue().asText()).matches()) {
                throw new InvalidRequestException("pcrs[" + index + "] must be 64 hex digits (a SHA-256 value)");
            }
            values.put(index, e.getValue().asText().toLowerCase(Locale.ROOT));
        }
        // An MLE passes a host when every PCR it lists matches: a PCR it left out would be one
        // nobody checks, so a host could boot anything measured there and still pass.
        java.util.SortedSet<Integer> missing = new java.util.TreeSet<>(type.pcrs());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("a " + type + " MLE must give every PCR of its type " + type.pcrs()
                    + "; missing: PCR " + missing);
        }
        return new Mle(0, type, name, version, new TreeMap<>(values), null);
    }
}
