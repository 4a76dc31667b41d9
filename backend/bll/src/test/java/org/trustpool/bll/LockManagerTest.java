package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.trustpool.bll.LockManager.Mode;
import org.trustpool.bll.LockManager.Outcome;

class LockManagerTest {
    private final LockManager locks = new LockManager();
    private final String vm = LockManager.vm(UUID.randomUUID());
    private final String host = LockManager.vds(UUID.randomUUID());

    /** Runs on another thread, as another command would. */
    private Outcome elsewhere(Map<String, Mode> keys) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Outcome outcome = locks.tryAcquire(keys, 100);
                if (outcome.acquired()) {
                    locks.release(keys);
                }
                return outcome;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void sharedLocksShareAndExcludeWriters() throws Exception {
        assertTrue(locks.tryAcquire(Map.of(host, Mode.SHARED), 0).acquired());
        assertTrue(elsewhere(Map.of(host, Mode.SHARED)).acquired());
        assertFalse(elsewhere(Map.of(host, Mode.EXCLUSIVE)).acquired());
        assertTrue(locks.isLocked(host));
        locks.release(Map.of(host, Mode.SHARED));
        assertFalse(locks.isLocked(host));
        assertTrue(elsewhere(Map.of(host, Mode.EXCLUSIVE)).acquired());
    }

    @Test
    void allOrNothing() throws Exception {
        assertTrue(locks.tryAcquire(Map.of(host, Mode.EXCLUSIVE), 0).acquired());
        Outcome outcome = elsewhere(Map.of(vm, Mode.EXCLUSIVE, host, Mode.SHARED));
        assertFalse(outcome.acquired());
        assertFalse(outcome.inFlight());
        assertFalse(locks.isLocked(vm), "the key it did get was given back");
    }

    @Test
    void reentrantForTheOwningThread() throws Exception {
        assertTrue(locks.tryAcquire(Set.of(vm), 0));
        assertTrue(locks.tryAcquire(Set.of(vm), 0)); // an internal command on the same entity
        locks.release(Set.of(vm));
        assertTrue(locks.isLocked(vm));
        locks.release(Set.of(vm));
        assertFalse(locks.isLocked(vm));
    }

    @Test
    void anEntityInFlightRefusesOthersAtOnceAndNamesTheOperation() throws Exception {
        assertNotNull(locks.markInFlight(Set.of(vm), "VM a is being started on host h"));
        long began = System.nanoTime();
        Outcome outcome = elsewhere(Map.of(vm, Mode.EXCLUSIVE));
        assertTrue(outcome.inFlight());
        assertEquals("VM a is being started on host h", outcome.busyWith());
        assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(2));
        assertTrue(locks.isLocked(vm), "monitoring leaves it alone");
        assertTrue(locks.tryAcquire(Map.of(vm, Mode.EXCLUSIVE), 0).acquired(), "its own thread's internal commands go on");
        locks.release(Map.of(vm, Mode.EXCLUSIVE));
        assertNull(CompletableFuture.supplyAsync(() -> locks.markInFlight(Set.of(vm), "again")).get());
        locks.clearInFlight(Set.of(vm));
        assertTrue(elsewhere(Map.of(vm, Mode.EXCLUSIVE)).acquired());
        assertFalse(locks.isLocked(vm));
    }

    /** Two commands wanting the same two keys, named in opposite orders, never deadlock: keys are taken sorted. */
    @Test
    void oppositeOrdersDoNotDeadlock() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Runnable one = () -> repeat(go, new java.util.LinkedHashMap<>(Map.of(vm, Mode.EXCLUSIVE)), host);
        Runnable two = () -> repeat(go, new java.util.LinkedHashMap<>(Map.of(host, Mode.EXCLUSIVE)), vm);
        CompletableFuture<Void> a = CompletableFuture.runAsync(one);
        CompletableFuture<Void> b = CompletableFuture.runAsync(two);
        go.countDown();
        CompletableFuture.allOf(a, b).get(20, TimeUnit.SECONDS);
    }

    private void repeat(CountDownLatch go, Map<String, Mode> first, String second) {
        try {
            go.await();
            for (int i = 0; i < 2000; i++) {
                Map<String, Mode> keys = new java.util.LinkedHashMap<>(first);
                keys.put(second, Mode.EXCLUSIVE);
                if (!locks.tryAcquire(keys, 5_000).acquired()) {
                    throw new AssertionError("waited 5 s for a lock held for microseconds");
                }
                locks.release(keys);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
