package org.trustpool.bench;

import java.util.Locale;

/** The one line format the bench runner reads: {@code FIGURE name=value unit}. */
final class Figures {
    private Figures() {
    }

    static void print(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "FIGURE %s=%s %s%n", name,
                value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.4f", value), unit);
        System.out.flush();
    }

    /** A scenario's body. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs a scenario and ends the JVM: status 0 after the body returned, 1 (with the cause on standard error)
     * if it threw; a thread left behind (a pool, a server) can never keep the scenario from ending.
     */
    static void main(Body body) {
        int status = 0;
        try {
            body.run();
        } catch (Throwable t) {
            System.err.println("scenario failed: " + t);
            t.printStackTrace();
            System.out.println("scenario failed: " + t);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    static void note(String text) {
        System.out.println(text);
        System.out.flush();
    }
}
