package org.trustpool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Waits, before a scenario starts, until this machine's cores are nearly idle, and says how busy they were.
 * Every figure of the benchmark is a time or a rate on these same cores, so work left over from before (the
 * JVMs, WildFly and PostgreSQL processes of `mvn verify` that are still exiting, the last scenario's) or from
 * another tenant of the machine slows whichever scenario happens to run next. In CI the edge figures moved by
 * 20% from run to run; this wait, and the line it prints, say whether other work on the cores was the reason
 * (in the CI runs of 2026-12-02 it was not: every scenario found them quiet within 2 s). The wait is bounded; when the machine stays busy the
 * scenario runs anyway, and the line printed names the busiest processes, so a reader knows what the figures
 * shared the cores with.
 *
 * <p>Linux only (/proc/stat); elsewhere nothing is waited for and the line says so.
 */
final class QuietMachine {

    /** Quiet: at most this share of all cores busy over one window. */
    static final double QUIET_SHARE = 0.15;
    private static final long WINDOW_MILLIS = 1000;
    /** Windows in a row that must be quiet. */
    private static final int QUIET_WINDOWS = 2;

    private final Supplier<String> procStat;
    private final long maxWaitMillis;
    private final long windowMillis;

    QuietMachine(long maxWaitMillis) {
        this(() -> read(Path.of("/proc/stat")), maxWaitMillis, WINDOW_MILLIS);
    }

    /** @param windowMillis how long each sample of /proc/stat is apart (tests: short) */
    QuietMachine(Supplier<String> procStat, long maxWaitMillis, long windowMillis) {
        this.procStat = procStat;
        this.maxWaitMillis = maxWaitMillis;
        this.windowMillis = windowMillis;
    }

    /** Waits as above; returns the line to print. */
    String await() throws InterruptedException {
        long start = System.nanoTime();
        long[] before = cpuTimes(procStat.get());
        if (before == null) {
            return "machine load not known here (no /proc/stat): not waited for";
        }
        Map<Long, Long> processesBefore = processTicks();
        int quietInARow = 0;
        double share = 1;
        while (true) {
            Thread.sleep(windowMillis);
            long[] after = cpuTimes(procStat.get());
            share = busyShare(before, after);
            quietInARow = share <= QUIET_SHARE ? quietInARow + 1 : 0;
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (quietInARow >= QUIET_WINDOWS) {
                return String.format(Locale.ROOT, "machine quiet (%.0f%% of the cores busy) after %.1f s", 100 * share, waited / 1000.0);
            }
            if (waited >= maxWaitMillis) {
                return String.format(Locale.ROOT, "machine still busy after %.0f s (%.0f%% of the cores in the last second), run anyway;"
                        + " busiest processes meanwhile: %s", waited / 1000.0, 100 * share, busiest(processesBefore, processTicks()));
            }
            before = after;
        }
    }

    /**
     * The first line of /proc/stat ({@code cpu  user nice system idle iowait irq softirq steal ...}, in clock
     * ticks since boot) as numbers: null when it is not such a line.
     */
    static long[] cpuTimes(String procStat) {
        if (procStat == null) {
            return null;
        }
        String first = procStat.lines().findFirst().orElse("");
        String[] fields = first.trim().split("\\s+");
        if (fields.length < 5 || !fields[0].equals("cpu")) {
            return null;
        }
        long[] times = new long[fields.length - 1];
        try {
            for (int i = 1; i < fields.length; i++) {
                times[i - 1] = Long.parseLong(fields[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return times;
    }

    /**
     * The share of all cores busy between two samples: everything but idle and iowait (fields 4 and 5), over
     * all of it. Guest time is already counted in user time, so fields past steal are left out of the total.
     */
    static double busyShare(long[] before, long[] after) {
        if (before == null || after == null) {
            return 1;
        }
        int counted = Math.min(8, Math.min(before.length, after.length));
        long total = 0;
        long idle = 0;
        for (int i = 0; i < counted; i++) {
            long delta = after[i] - before[i];
            total += delta;
            if (i == 3 || i == 4) {
                idle += delta;
            }
        }
        return total <= 0 ? 0 : (double) (total - idle) / total;
    }

    /** CPU ticks (user + system) of every process now, by pid; empty where /proc cannot be read. */
    private static Map<Long, Long> processTicks() {
        Map<Long, Long> ticks = new TreeMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            Long t = processTicks(read(Path.of("/proc", String.valueOf(p.pid()), "stat")));
            if (t != null) {
                ticks.put(p.pid(), t);
            }
        });
        return ticks;
    }

    /**
     * utime + stime of one /proc/PID/stat line: fields 14 and 15, counted after the command name, which is in
     * parentheses and may itself hold spaces and parentheses (hence the last ')').
     */
    static Long processTicks(String stat) {
        if (stat == null) {
            return null;
        }
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return null;
        }
        String[] rest = stat.substring(end + 1).trim().split("\\s+");
        // rest[0] is field 3 (state): utime is field 14, stime field 15
        if (rest.length < 13) {
            return null;
        }
        try {
            return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The three processes that used the most CPU between two samples, with their commands. */
    private static String busiest(Map<Long, Long> before, Map<Long, Long> after) {
        List<long[]> used = new ArrayList<>();
        after.forEach((pid, t) -> used.add(new long[] {pid, t - before.getOrDefault(pid, 0L)}));
        used.sort(Comparator.comparingLong((long[] u) -> u[1]).reversed());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(3, used.size()) && used.get(i)[1] > 0; i++) {
            long pid = used.get(i)[0];
            String command = ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("?");
            names.add(pid + " " + Path.of(command).getFileName() + " (" + used.get(i)[1] + " ticks)");
        }
        return names.isEmpty() ? "none seen" : String.join(", ", names);
    }

    /** By lines: for some /proc files, whose size reads as 0, Files.readString gave only the first character. */
    private static String read(Path file) {
        try {
            return String.join("\n", Files.readAllLines(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
