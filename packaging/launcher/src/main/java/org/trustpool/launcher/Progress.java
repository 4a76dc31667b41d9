package org.trustpool.launcher;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The numbered progress lines: {@code [2/8] Starting embedded PostgreSQL ... done in 3.2 s}.
 * A step's line stays open so its result lands on the same line; anything printed meanwhile
 * (details, percentages) first closes it, and the result then goes on its own indented line.
 */
final class Progress {

    private static final String INDENT = "      ";

    private final PrintStream out;
    private final int total;
    private boolean lineOpen;
    /** The open line is a step's title (its result goes on it), not a line of details. */
    private boolean titleOpen;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    Step step(int number, String title) {
        synchronized (out) {
            closeLine();
            out.printf("[%d/%d] %s ...", number, total, title);
            out.flush();
            lineOpen = true;
            titleOpen = true;
        }
        return new Step();
    }

    /** A line of its own under the current step. */
    void detail(String text) {
        synchronized (out) {
            closeLine();
            out.println(INDENT + text);
        }
    }

    /** Starts a detail line that {@link #inline} then extends (percentages while unpacking). */
    void openDetail(String text) {
        synchronized (out) {
            closeLine();
            out.print(INDENT + text);
            out.flush();
            lineOpen = true;
        }
    }

    void inline(String text) {
        synchronized (out) {
            out.print(" " + text);
            out.flush();
        }
    }

    void line(String text) {
        synchronized (out) {
            closeLine();
            out.println(text);
        }
    }

    private void closeLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
            titleOpen = false;
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    final class Step {
        private final long started = System.nanoTime();

        /** Ends the step: "done in 1.2 s" plus an optional note. */
        void done(String note) {
            finish("done in " + seconds(System.nanoTime() - started) + (note == null || note.isEmpty() ? "" : " (" + note + ")"));
        }

        void done() {
            done(null);
        }

        void skipped(String why) {
            finish("skipped (" + why + ")");
        }

        void interrupted() {
            finish("interrupted after " + seconds(System.nanoTime() - started));
        }

        void failed() {
            finish("FAILED after " + seconds(System.nanoTime() - started));
        }

        long elapsedNanos() {
            return System.nanoTime() - started;
        }

        private void finish(String text) {
            synchronized (out) {
                if (titleOpen) {
                    out.println(" " + text);
                    lineOpen = false;
                    titleOpen = false;
                } else {
                    closeLine();
                    out.println(INDENT + text);
                }
            }
        }
    }
}
