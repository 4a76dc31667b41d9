package org.trustpool.bll.monitoring;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a body again and again, waiting a period read before each wait (so a changed option
 * applies at the next cycle). A failing cycle is logged and the next one still comes.
 */
public final class PeriodicTask {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class.getName());

    /** The work of one cycle. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private final ScheduledExecutorService scheduler;
    private final String name;
    private final LongSupplier periodMillis;
    /** Whether the period runs from one cycle's start to the next's (no drift), or from a cycle's end. */
    private final boolean fixedRate;
    private final Body body;
    private volatile ScheduledFuture<?> next;
    /** For a fixed-rate task, when the current cycle was meant to start (System.nanoTime); 0 before the first. */
    private long intendedStartNanos;
    private volatile boolean stopped;

    public PeriodicTask(ScheduledExecutorService scheduler, String name, IntSupplier periodSeconds, Body body) {
        this(scheduler, name, () -> 1000L * Math.max(1, periodSeconds.getAsInt()), false, body);
    }

    private PeriodicTask(ScheduledExecutorService scheduler, String name, LongSupplier periodMillis, boolean fixedRate, Body body) {
        this.scheduler = scheduler;
        this.name = name;
        this.periodMillis = periodMillis;
        this.fixedRate = fixedRate;
        this.body = body;
    }

    /**
     * A task whose cycles start every period (milliseconds, read before each cycle) however long a cycle
     * takes, so work spread over a window in steps does not drift later each step; a cycle longer than the
     * period is followed by the next after a tenth of the period.
     */
    public static PeriodicTask atFixedRate(ScheduledExecutorService scheduler, String name, LongSupplier periodMillis, Body body) {
        return new PeriodicTask(scheduler, name, periodMillis, true, body);
    }

    public void start(long firstDelaySeconds) {
        LOG.info(name + " started");
        schedule(TimeUnit.SECONDS.toMillis(firstDelaySeconds));
    }

    public void stop() {
        stopped = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void schedule(long delayMillis) {
        if (!stopped) {
            next = scheduler.schedule(this::cycle, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void cycle() {
        long period = 1000;
        long start = System.nanoTime();
        if (intendedStartNanos == 0) {
            intendedStartNanos = start;
        }
        try {
            period = Math.max(1, periodMillis.getAsLong());
            body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, name + " cycle failed; trying again in " + period + " ms", e);
        } finally {
            if (fixedRate) {
                long now = System.nanoTime();
                intendedStartNanos = nextStart(intendedStartNanos, TimeUnit.MILLISECONDS.toNanos(period), now);
                schedule(Math.max(0, TimeUnit.NANOSECONDS.toMillis(intendedStartNanos - now)));
            } else {
                schedule(period);
            }
        }
    }

    /**
     * When the next cycle of a fixed-rate task starts: one period after the current one was MEANT to start, not
     * after it did, so the scheduler's own lateness (a few milliseconds a cycle) does not add up (ten steps of a
     * re-attestation window would otherwise take longer than the window and verdicts would lapse before their
     * renewal); after a cycle that overran the period, a tenth of a period from now.
     */
    static long nextStart(long intendedStart, long period, long now) {
        long next = intendedStart + period;
        return next - now < 0 ? now + period / 10 : next;
    }
}
