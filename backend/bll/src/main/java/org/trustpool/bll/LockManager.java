package org.trustpool.bll;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * In-memory locks on single entities (a VM, a host, a cluster, a name), never one for the whole engine.
 * A command holds them only while it validates and makes its short database change: no lock is ever
 * held across a call to a host agent or the attestation service (see CommandExecutor), so a wait for a
 * lock is a wait for a few database statements, and a command that cannot get its locks within a
 * short wait is refused rather than queued.
 *
 * <p>Shared locks are for commands that only need an entity not to change (exporting a VM, a host a
 * VM is placed on by name), exclusive ones for commands that change it. Locks are re-entrant for the
 * owning thread, since a command may run internal commands. All keys of one request are taken in one
 * fixed (sorted) order, so two commands wanting the same keys can never each hold what the other waits for.
 *
 * <p>Separately, an entity can be marked <em>in flight</em> while a command's agent call for it runs
 * (a VM being started, migrated or stopped; a host being evacuated). That is not a lock: nobody waits
 * on it. A command asking for such an entity is refused at once, with the operation that is waiting on
 * the host named, and host monitoring leaves the entity to the command that owns it. One slow host thus
 * only ever holds up commands on its own VMs. The database says the same (the VM's transitional status),
 * so an engine that dies in between leaves a state monitoring reconciles on restart.
 *
 * <p>Keys: "VM:&lt;id&gt;", "VDS:&lt;id&gt;", "CLUSTER:&lt;id&gt;", "NAME:&lt;kind&gt;:&lt;name&gt;".
 */
public class LockManager {
    public enum Mode { SHARED, EXCLUSIVE }

    /** What a request for locks came to. */
    public record Outcome(boolean acquired, String busyKey, String busyWith) {
        static final Outcome ACQUIRED = new Outcome(true, null, null);
        static final Outcome TIMED_OUT = new Outcome(false, null, null);

        /** True when refused because an agent call on busyKey is in flight (rather than a lock wait that timed out). */
        public boolean inFlight() {
            return busyKey != null;
        }
    }

    private static final class Entry {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        int users; // guarded by the map's compute for this key
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Mark> inFlight = new ConcurrentHashMap<>();

    /** Who marked a key in flight: that thread's own internal commands (evacuating the host it works on) may go on. */
    private record Mark(Thread owner, String what) {
    }

    public static String vm(UUID id) { return "VM:" + id; }
    public static String vds(UUID id) { return "VDS:" + id; }
    public static String cluster(UUID id) { return "CLUSTER:" + id; }
    public static String name(String kind, String name) { return "NAME:" + kind + ":" + name; }

    /** Exclusive locks on all keys or none, waiting at most timeoutMillis in all. */
    public boolean tryAcquire(Set<String> keys, long timeoutMillis) throws InterruptedException {
        return tryAcquire(exclusive(keys), timeoutMillis).acquired();
    }

    public void release(Set<String> keys) {
        release(exclusive(keys));
    }

    /**
     * Takes every key in its mode, or none: in sorted key order, waiting at most timeoutMillis in all.
     * Refused at once when an agent call on one of the keys is in flight.
     */
    public Outcome tryAcquire(Map<String, Mode> keys, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Deque<Map.Entry<String, Mode>> taken = new ArrayDeque<>();
        try {
            for (Map.Entry<String, Mode> key : new TreeMap<>(keys).entrySet()) {
                String busy = busyFor(key.getKey());
                if (busy != null) {
                    return new Outcome(false, key.getKey(), busy);
                }
                Entry entry = use(key.getKey());
                boolean locked = false;
                try {
                    locked = lockOf(entry, key.getValue()).tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } finally {
                    if (!locked) {
                        unuse(key.getKey());
                    }
                }
                if (!locked) {
                    return Outcome.TIMED_OUT;
                }
                taken.push(key);
                // Marked while we waited (the holder's agent call began as it released): refused just the same.
                busy = busyFor(key.getKey());
                if (busy != null) {
                    return new Outcome(false, key.getKey(), busy);
                }
            }
            Outcome acquired = Outcome.ACQUIRED;
            taken.clear();
            return acquired;
        } finally {
            while (!taken.isEmpty()) {
                Map.Entry<String, Mode> key = taken.pop();
                unlock(key.getKey(), key.getValue());
            }
        }
    }

    public void release(Map<String, Mode> keys) {
        for (Map.Entry<String, Mode> key : keys.entrySet()) {
            unlock(key.getKey(), key.getValue());
        }
    }

    /**
     * Marks the keys in flight (what: "being started on host h1"); the caller still holds their locks,
     * so no command can slip in between its database change and the mark. Returns the keys it marked
     * (those this thread had not marked already, for an internal command), or null, marking nothing,
     * when another thread has one of them in flight.
     */
    public synchronized Set<String> markInFlight(Set<String> keys, String what) {
        Set<String> marked = new java.util.HashSet<>();
        for (String key : keys) {
            Mark mark = inFlight.get(key);
            if (mark != null && mark.owner() != Thread.currentThread()) {
                return null;
            }
            if (mark == null) {
                marked.add(key);
            }
        }
        Mark mark = new Mark(Thread.currentThread(), what);
        marked.forEach(key -> inFlight.put(key, mark));
        return marked;
    }

    public synchronized void clearInFlight(Set<String> keys) {
        keys.forEach(inFlight::remove);
    }

    /** Monitoring asks this to leave alone an entity that a command is changing right now (locked or in flight). */
    public boolean isLocked(String key) {
        if (inFlight.containsKey(key)) {
            return true;
        }
        Entry entry = entries.get(key);
        return entry != null && (entry.lock.isWriteLocked() || entry.lock.getReadLockCount() > 0);
    }

    private String busyFor(String key) {
        Mark mark = inFlight.get(key);
        return mark == null || mark.owner() == Thread.currentThread() ? null : mark.what();
    }

    private static Map<String, Mode> exclusive(Set<String> keys) {
        Map<String, Mode> modes = new TreeMap<>();
        keys.forEach(key -> modes.put(key, Mode.EXCLUSIVE));
        return modes;
    }

    private static Lock lockOf(Entry entry, Mode mode) {
        return mode == Mode.SHARED ? entry.lock.readLock() : entry.lock.writeLock();
    }

    private void unlock(String key, Mode mode) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        Lock lock = lockOf(entry, mode);
        boolean held = mode == Mode.SHARED ? entry.lock.getReadHoldCount() > 0 : entry.lock.isWriteLockedByCurrentThread();
        if (held) {
            lock.unlock();
            unuse(key);
        }
    }

    /** Entries live while someone holds or waits for them, so the map does not grow with every VM ever locked. */
    private Entry use(String key) {
        return entries.compute(key, (k, entry) -> {
            Entry e = entry == null ? new Entry() : entry;
            e.users++;
            return e;
        });
    }

    private void unuse(String key) {
        entries.computeIfPresent(key, (k, entry) -> --entry.users == 0 ? null : entry);
    }
}
