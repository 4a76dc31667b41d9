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

    @Test
    void aFixedRateTaskKeepsItsScheduleWhateverEachCycleStartedLateAndRestartsItAfterAnOverrun() {
        long period = 800;
        // started 30 late and took 100: the next is still one period after the intended start
        assertEquals(1800, PeriodicTask.nextStart(1000, period, 1130));
        // ten cycles, each finishing 5 after it was meant to start: the tenth starts exactly ten periods on
        long intended = 0;
        for (int i = 0; i < 10; i++) {
            intended = PeriodicTask.nextStart(intended, period, intended + 5);
        }
        assertEquals(10 * period, intended);
        // a cycle that overran its period: the next a tenth of a period after it ended
        assertEquals(2000 + 80, PeriodicTask.nextStart(1000, period, 2000));
    }
}
