package org.trustpool.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A jboss-cli script with {@code @NAME@} tokens (not ${...}: that is WildFly's own expression
 * syntax, which the script uses literally). Each value is inserted as one quoted CLI string,
 * so a password with quotes, spaces or commas cannot change the meaning of the command.
 * A line starting with {@code ?NAME } is kept only when NAME has a non-empty value; comment
 * lines are dropped.
 */
final class CliTemplate {

    static final String CONFIGURE_SERVER = "configure-server.cli";

    private static final Pattern TOKEN = Pattern.compile("@([A-Z][A-Z0-9_]*)@");
    /** "?NAME " at the start of a line: keep the line only when NAME has a value. */
    private static final Pattern CONDITION = Pattern.compile("\\?([A-Z][A-Z0-9_]*) ");
    /** What the management model takes for an expression to resolve at boot. */
    private static final Pattern EXPRESSION = Pattern.compile(".*\\$\\{.*}.*", Pattern.DOTALL);

    private final String text;

    CliTemplate(String text) {
        this.text = text;
    }

    static CliTemplate load(String resource) {
        try (InputStream in = CliTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the launcher jar");
            }
            return new CliTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** @throws IllegalArgumentException when a token has no value or a value cannot be written */
    String render(Map<String, String> values) {
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue; // comments are for people reading the template, not for jboss-cli
            }
            Matcher c = CONDITION.matcher(line);
            if (c.lookingAt()) {
                String value = values.get(c.group(1));
                if (value == null || value.isEmpty()) {
                    continue;
                }
                line = line.substring(c.end());
            }
            kept.append(line).append('\n');
        }
        kept.setLength(kept.length() - 1);
        TreeSet<String> missing = new TreeSet<>();
        Matcher m = TOKEN.matcher(kept);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.get(name);
            if (value == null) {
                missing.add(name);
                m.appendReplacement(sb, "");
            } else {
                m.appendReplacement(sb, Matcher.quoteReplacement(quote(name, value)));
            }
        }
        m.appendTail(sb);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no value for " + String.join(", ", missing) + " in the cli template");
        }
        return sb.toString();
    }

    static String quote(String name, String value) {
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(name + " contains a control character, which the server configuration cannot hold");
            }
        }
        String v = value;
        if (EXPRESSION.matcher(v).matches()) {
            // "$$" is WildFly's escape for a literal "$" inside an expression
            v = v.replace("$", "$$");
        }
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
