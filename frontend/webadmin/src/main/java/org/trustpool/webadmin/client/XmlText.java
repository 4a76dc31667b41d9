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
        return status == 409 && asksToConfirmTrustLoss(message);
    }

    /** The same, for a call whose status the caller does not see (the question's words are unique to it). */
    static boolean asksToConfirmTrustLoss(String message) {
        return message != null && message.contains("is not trusted:") && message.contains("confirm (force=true)");
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
     * A host's trust cell: the verdict, how old it is and, when the host is not trusted, why
     * ("untrusted, 3 s ago: PCR 19 ..."); "" for a host that was never attested.
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
            text.append(": ").append(reason.trim());
        }
        return text.toString();
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
