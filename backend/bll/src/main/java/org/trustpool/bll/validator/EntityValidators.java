package org.trustpool.bll.validator;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.regex.Pattern;

import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Checks on user input shared by all entities: names, descriptions, versions, numbers. */
public final class EntityValidators {
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_DESCRIPTION_LENGTH = 4000;

    /**
     * Names end up in URLs, searches, OVF files and shell scripts administrators write; letters,
     * digits and '_', '-', '.' keep them safe everywhere (oVirt's rule for VM names).
     */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._-]+");
    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}");

    private EntityValidators() {
    }

    public static ValidationResult validName(String name) {
        if (name == null || name.isBlank()) {
            return failWith(EngineMessage.ACTION_TYPE_FAILED_NAME_EMPTY);
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return failWith(EngineMessage.ACTION_TYPE_FAILED_NAME_TOO_LONG, "MaxLength", String.valueOf(MAX_NAME_LENGTH));
        }
        return NAME.matcher(name).matches() ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_NAME_INVALID);
    }

    public static ValidationResult validDescription(String description) {
        return description == null || description.length() <= MAX_DESCRIPTION_LENGTH ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_DESCRIPTION_TOO_LONG, "MaxLength", String.valueOf(MAX_DESCRIPTION_LENGTH));
    }

    public static ValidationResult validCompatibilityVersion(String version) {
        return version != null && VERSION.matcher(version).matches() ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_COMPATIBILITY_VERSION_INVALID, "Version", String.valueOf(version));
    }

    public static ValidationResult inRange(long value, long min, long max, EngineMessage message) {
        return value >= min && value <= max ? VALID
                : failWith(message, "Min", String.valueOf(min), "Max", String.valueOf(max));
    }

    public static ValidationResult notNull(Object entity, EngineMessage message) {
        return entity != null ? VALID : failWith(message);
    }
}
