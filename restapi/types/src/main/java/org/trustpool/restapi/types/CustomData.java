package org.trustpool.restapi.types;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event's custom values as the text of {@code <custom_data>}: a flat JSON object of strings, the same
 * shape audit_log stores them in. Hand-written because this module has no JSON library at run time.
 */
final class CustomData {

    /** Where free text (oVirt's custom_data is free-form) is kept when it is not a JSON object. */
    static final String TEXT_KEY = "custom_data";

    private CustomData() {
    }

    static String toJson(Map<String, String> values) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, e.getKey());
            out.append(':');
            if (e.getValue() == null) {
                out.append("null");
            } else {
                quote(out, e.getValue());
            }
        }
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Reads a flat JSON object; numbers and booleans become their text, nulls are dropped. Anything that is
     * not a JSON object is kept whole under {@link #TEXT_KEY}; a malformed object is rejected.
     */
    static Map<String, String> fromJson(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String trimmed = text.trim();
        if (!trimmed.startsWith("{")) {
            if (!trimmed.isEmpty()) {
                values.put(TEXT_KEY, text);
            }
            return values;
        }
        Parser p = new Parser(trimmed);
        p.expect('{');
        if (!p.skipIf('}')) {
            do {
                String key = p.string();
                p.expect(':');
                String value = p.value();
                if (value != null) {
                    values.put(key, value);
                }
            } while (p.skipIf(','));
            p.expect('}');
        }
        p.end();
        return values;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("custom_data is not a flat JSON object: " + what + " at " + pos);
        }

        private void spaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean skipIf(char c) {
            spaces();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!skipIf(c)) {
                throw error("expected '" + c + "'");
            }
        }

        void end() {
            spaces();
            if (pos != s.length()) {
                throw error("trailing text");
            }
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
            throw error("unterminated string");
        }

        /** A string, or the text of a number/true/false; null for null. Nested values are refused. */
        String value() {
            spaces();
            if (pos < s.length() && s.charAt(pos) == '"') {
                return string();
            }
            int start = pos;
            while (pos < s.length() && ",}".indexOf(s.charAt(pos)) < 0 && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            String token = s.substring(start, pos);
            if (token.equals("null")) {
                return null;
            }
            if (token.equals("true") || token.equals("false") || token.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                return token;
            }
            throw error("unsupported value '" + token + "'");
        }
    }
}
