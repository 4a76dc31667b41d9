package org.trustpool.common.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of one validator: valid, or an EngineMessage key with the values its text needs.
 * The text itself lives in EngineMessages.properties.
 */
public final class ValidationResult {
    public static final ValidationResult VALID = new ValidationResult(null, Map.of());

    private final EngineMessage message;
    private final Map<String, String> variables;

    private ValidationResult(EngineMessage message, Map<String, String> variables) {
        this.message = message;
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    public static ValidationResult failWith(EngineMessage message) {
        return new ValidationResult(message, Map.of());
    }

    public static ValidationResult failWith(EngineMessage message, Map<String, String> variables) {
        return new ValidationResult(message, variables);
    }

    /** failWith(message, "Name", name) - variables given as name/value pairs. */
    public static ValidationResult failWith(EngineMessage message, String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("variables come in name/value pairs");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            vars.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return new ValidationResult(message, vars);
    }

    public boolean isValid() { return message == null; }
    public EngineMessage getMessage() { return message; }
    public Map<String, String> getVariables() { return variables; }

    @Override public String toString() { return isValid() ? "VALID" : message.name() + variables; }
}
