package org.trustpool.bll.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void aFailingCycleDoesNotStopTheNextAndStopDoes() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        PeriodicTask task = new PeriodicTask(scheduler, "test", () -> 1, () -> {
            runs.incrementAndGet();
            third.countDown();
            if (runs.get() == 1) {
                throw new IllegalStateException("first cycle fails");
            }
        });
        task.start(0);
        assertTrue(third.await(10, TimeUnit.SECONDS), "cycles go on after a failure");
        task.stop();
        int afterStop = runs.get();
        scheduler.shutdown();
        assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
        assertTrue(runs.get() <= afterStop + 1, "at most the cycle already running finishes");
        assertEquals(true, runs.get() >= 3);
    }
}
