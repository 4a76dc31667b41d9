package org.trustpool.hostagent;

/** Brief one-line diagnostics on stderr; stdout is reserved for the HOST/READY lines a launcher parses. */
final class Log {

    private Log() {
    }

    static void info(String message) {
        System.err.println("hostagent: " + message);
    }
}
