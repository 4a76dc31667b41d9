package org.trustpool.bll;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * In-memory exclusive locks on entities, taken by a command for its validate+execute, so two
 * commands cannot both validate against the same state and then both change it. Re-entrant for
 * the owning thread, since a command may run internal commands (maintenance migrates VMs).
 * Keys: "VM:<id>", "VDS:<id>", "CLUSTER:<id>", "NAME:<kind>:<name>", SCHEDULING.
 */
public class LockManager {
    /** Taken by everything that places VMs on hosts, so memory accounting never races. */
    public static final String SCHEDULING = "SCHEDULING";

    private final Map<String, Owner> held = new HashMap<>();

    private static final class Owner {
        final Thread thread;
        int count;

        Owner(Thread thread) { this.thread = thread; }
    }

    public static String vm(UUID id) { return "VM:" + id; }
    public static String vds(UUID id) { return "VDS:" + id; }
    public static String cluster(UUID id) { return "CLUSTER:" + id; }
    public static String name(String kind, String name) { return "NAME:" + kind + ":" + name; }

    /** Takes all keys or none, waiting at most timeoutMillis. */
    public synchronized boolean tryAcquire(Set<String> keys, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Thread me = Thread.currentThread();
        while (!allFreeFor(keys, me)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        for (String key : keys) {
            held.computeIfAbsent(key, k -> new Owner(me)).count++;
        }
        return true;
    }

    public synchronized void release(Set<String> keys) {
        for (String key : keys) {
            Owner owner = held.get(key);
            if (owner != null && owner.thread == Thread.currentThread() && --owner.count == 0) {
                held.remove(key);
            }
        }
        notifyAll();
    }

    /** Monitoring asks this to leave alone a VM that a command is changing right now. */
    public synchronized boolean isLocked(String key) {
        return held.containsKey(key);
    }

    private boolean allFreeFor(Set<String> keys, Thread me) {
        for (String key : keys) {
            Owner owner = held.get(key);
            if (owner != null && owner.thread != me) {
                return false;
            }
        }
        return true;
    }
}
