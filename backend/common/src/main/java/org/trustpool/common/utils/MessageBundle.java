package org.trustpool.common.utils;

import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message key plus its variables into words: ${Name} in the text is replaced by the
 * variable's value. Unknown variables stay visible as ${Name} rather than vanish.
 */
public final class MessageBundle {
    public static final String ENGINE_MESSAGES = "org.trustpool.common.EngineMessages";
    public static final String AUDIT_LOG_MESSAGES = "org.trustpool.common.AuditLogMessages";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final ResourceBundle bundle;

    private MessageBundle(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static MessageBundle engineMessages() {
        return new MessageBundle(ResourceBundle.getBundle(ENGINE_MESSAGES));
    }

    public static MessageBundle auditLogMessages() {
        return new MessageBundle(ResourceBundle.getBundle(AUDIT_LOG_MESSAGES));
    }

    public boolean hasText(String key) {
        return bundle.containsKey(key);
    }

    public java.util.Set<String> keys() {
        return bundle.keySet();
    }

    /** The text for key with variables filled in; the key itself if it has no text (a test forbids that). */
    public String format(String key, Map<String, String> variables) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
