package org.trustpool.launcher;

import java.sql.SQLException;

/** SQL error text for a one-line message: the server's words, without the driver's wrapping. */
final class Sql {

    private Sql() {
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof SQLException && t.getMessage() != null)) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message).strip();
    }
}
