package org.trustpool.bll.monitoring;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
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
    private final IntSupplier periodSeconds;
    private final Body body;
    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;

    public PeriodicTask(ScheduledExecutorService scheduler, String name, IntSupplier periodSeconds, Body body) {
        this.scheduler = scheduler;
        this.name = name;
        this.periodSeconds = periodSeconds;
        this.body = body;
    }

    public void start(long firstDelaySeconds) {
        LOG.info(name + " started");
        schedule(firstDelaySeconds);
    }

    public void stop() {
        stopped = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void schedule(long delaySeconds) {
        if (!stopped) {
            next = scheduler.schedule(this::cycle, delaySeconds, TimeUnit.SECONDS);
        }
    }

    private void cycle() {
        int period = 1;
        try {
            period = Math.max(1, periodSeconds.getAsInt());
            body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, name + " cycle failed; trying again in " + period + " s", e);
        } finally {
            schedule(period);
        }
    }
}
