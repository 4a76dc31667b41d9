package org.trustpool.bench;

import java.util.Locale;

/** What a figure should be (at most / at least a bound), or nothing (a figure printed for information), and the figure it is compared with. */
record Target(String figure, Double atMost, Double atLeast, String baseline) {

    static Target atMost(String figure, double bound, String baseline) {
        return new Target(figure, bound, null, baseline);
    }

    static Target atLeast(String figure, double bound, String baseline) {
        return new Target(figure, null, bound, baseline);
    }

    static Target info(String figure) {
        return new Target(figure, null, null, null);
    }

    boolean held(double value) {
        return (atMost == null || value <= atMost) && (atLeast == null || value >= atLeast);
    }

    /** "<= 10", ">= 20,000", or null for a figure without a target. */
    String describe() {
        if (atMost != null) {
            return "<= " + format(atMost);
        }
        if (atLeast != null) {
            return ">= " + format(atLeast);
        }
        return null;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.2f", v);
    }
}
