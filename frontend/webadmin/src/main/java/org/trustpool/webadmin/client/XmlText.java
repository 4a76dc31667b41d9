package org.trustpool.webadmin.client;

/** Text helpers for the XML the portal sends and the faults it shows (plain Java, tested on the JVM). */
final class XmlText {
    private XmlText() {
    }

    /** Escapes text for an element's content or a double-quoted attribute. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&apos;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code <tag>text</tag>}, escaped. */
    static String element(String tag, String text) {
        return "<" + tag + ">" + escape(text) + "</" + tag + ">";
    }

    /** {@code <tag id="..."/>}: a reference to another resource. */
    static String ref(String tag, String id) {
        return "<" + tag + " id=\"" + escape(id) + "\"/>";
    }

    /**
     * What a person reads from a fault: the engine writes its validation messages into the detail as
     * oVirt does, in brackets ("[Cannot remove VM. The VM is running; stop it first.]"); the brackets
     * are dropped, the words kept. Without a detail the reason is all there is.
     */
    static String faultText(String reason, String detail) {
        String text = detail == null ? "" : detail.trim();
        if (text.length() >= 2 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']') {
            text = text.substring(1, text.length() - 1).trim();
        }
        if (text.isEmpty()) {
            text = reason == null ? "" : reason.trim();
        }
        return text;
    }

    /**
     * Whether a refusal is the engine asking for a confirmation rather than an error: a 409 whose words are
     * the engine's one trust-loss question (a trusted cluster's VM or template landing in a cluster that is
     * not trusted; it ends by offering force=true). Every other refusal, 409s included (the VM exists
     * already, its name is taken), is an error.
     */
    static boolean asksToConfirmTrustLoss(int status, String message) {
        return status == 409 && message != null && message.contains("is not trusted:") && message.contains("confirm (force=true)");
    }

    /** "2026-11-28T10:00:00.123Z" -> "2026-11-28 10:00:00": the audit log's time, readable. */
    static String time(String xmlDateTime) {
        if (xmlDateTime == null || xmlDateTime.length() < 19) {
            return xmlDateTime == null ? "" : xmlDateTime;
        }
        return xmlDateTime.substring(0, 10) + " " + xmlDateTime.substring(11, 19);
    }

    /** How old something is, from whole seconds: "12 s ago", "3 min ago", "2 h ago", "4 d ago" ("" when unknown). */
    static String age(long seconds) {
        if (seconds < 0) {
            seconds = 0;
        }
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86400 + " d ago";
    }

    /**
     * A host's trust cell: the verdict, how old it is and, when the host is not trusted, why, its digests
     * shortened ("untrusted, 3 s ago: PCR 19 ... expected 3a5f1c2e\u20269b0d ..."); "" for a host never attested.
     */
    static String trust(String level, String age, String reason) {
        if (level == null || level.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(level);
        if (age != null && !age.isEmpty()) {
            text.append(", ").append(age);
        }
        if (!"trusted".equals(level) && reason != null && !reason.trim().isEmpty()) {
            text.append(": ").append(shortenHex(reason.trim()));
        }
        return text.toString();
    }

    /**
     * A status as people write it: "non_operational" -> "Non Operational", "up" -> "Up",
     * "wait_for_launch" -> "Wait For Launch" (oVirt's labels); "" stays "".
     */
    static String label(String status) {
        if (status == null || status.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(status.length());
        boolean start = true;
        for (int i = 0; i < status.length(); i++) {
            char c = status.charAt(i);
            if (c == '_') {
                out.append(' ');
                start = true;
            } else {
                out.append(start ? Character.toUpperCase(c) : c);
                start = false;
            }
        }
        return out.toString();
    }

    /**
     * A reason with its long hex values (PCR digests, ~64 characters each) cut to their first 8 and last 4
     * characters ("3a5f1c2e\u20269b0d"), so a row stays one line; the full text is kept for the copy control.
     */
    static String shortenHex(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int j = i;
            while (j < text.length() && isHex(text.charAt(j))) {
                j++;
            }
            if (j - i >= 20) {
                out.append(text, i, i + 8).append('\u2026').append(text, j - 4, j);
                i = j;
            } else if (j > i) {
                out.append(text, i, j);
                i = j;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** What the attestation service's reason says about one PCR: which, what was expected, what was seen. */
    static final class PcrMismatch {
        final String pcr;
        final String expected;
        final String seen;

        PcrMismatch(String pcr, String expected, String seen) {
            this.pcr = pcr;
            this.expected = expected;
            this.seen = seen;
        }
    }

    /**
     * The first "PCR n ...: expected X, seen Y" of a reason (the service's wording), null when the reason says
     * something else (no whitelist entry, a bad signature, an outage).
     */
    static PcrMismatch pcrMismatch(String reason) {
        if (reason == null) {
            return null;
        }
        int p = reason.indexOf("PCR ");
        int e = reason.indexOf("expected ", Math.max(p, 0));
        int s = reason.indexOf(", seen ", Math.max(e, 0));
        if (p < 0 || e < 0 || s < 0) {
            return null;
        }
        int n = p + 4;
        while (n < reason.length() && Character.isDigit(reason.charAt(n))) {
            n++;
        }
        if (n == p + 4) {
            return null;
        }
        String expected = reason.substring(e + "expected ".length(), s).trim();
        int end = s + ", seen ".length();
        int stop = end;
        while (stop < reason.length() && reason.charAt(stop) != ' ' && reason.charAt(stop) != ';' && reason.charAt(stop) != ')') {
            stop++;
        }
        String seen = reason.substring(end, stop).trim();
        return new PcrMismatch(reason.substring(p + 4, n), expected, seen);
    }

    /** Numbers as numbers (memory, CPUs), everything else as text without regard to case; empty cells last. */
    static int compareCells(String a, String b) {
        String x = a == null ? "" : a.trim();
        String y = b == null ? "" : b.trim();
        if (x.isEmpty() || y.isEmpty()) {
            return x.isEmpty() == y.isEmpty() ? 0 : x.isEmpty() ? 1 : -1;
        }
        if (isNumber(x) && isNumber(y)) {
            return Double.compare(Double.parseDouble(x), Double.parseDouble(y));
        }
        int order = x.toLowerCase(java.util.Locale.ROOT).compareTo(y.toLowerCase(java.util.Locale.ROOT));
        return order != 0 ? order : x.compareTo(y);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 15) {
            return false;
        }
        boolean dot = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '.' && !dot) {
                dot = true;
            } else if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }


    /** A list's search as the API takes it: oVirt's syntax as typed; a bare word means "a name containing it". */
    static String searchQuery(String typed) {
        return searchQuery(typed, "name");
    }

    /** The same, a bare word looked for in the given field (the audit log's: message). */
    static String searchQuery(String typed, String bareWordField) {
        String text = typed == null ? "" : typed.trim();
        if (text.isEmpty() || text.contains("=")) {
            return text;
        }
        return bareWordField + "=*" + text + "*";
    }

    /** Bytes as whole MB ("" when unknown). */
    static String megabytes(String bytes) {
        if (bytes == null || bytes.isEmpty()) {
            return "";
        }
        try {
            return String.valueOf(Long.parseLong(bytes) / (1024L * 1024L));
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
