package org.trustpool.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

class QuietMachineTest {

    private static String stat(long user, long system, long idle, long iowait) {
        return "cpu  " + user + " 0 " + system + " " + idle + " " + iowait + " 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 5\n";
    }

    @Test
    void readsTheFirstLineOfProcStat() {
        assertArrayEquals(new long[] {10, 0, 20, 300, 4, 0, 0, 0, 0, 0}, QuietMachine.cpuTimes(stat(10, 20, 300, 4)));
        assertNull(QuietMachine.cpuTimes(null));
        assertNull(QuietMachine.cpuTimes("cpu0 1 2 3 4 5\n"), "the machine's line, not one core's");
        assertNull(QuietMachine.cpuTimes("cpu  1 2 x 4 5\n"));
    }

    @Test
    void busyIsEverythingButIdleAndIowait() {
        long[] before = QuietMachine.cpuTimes(stat(100, 50, 1000, 10));
        // 30 user + 10 system busy, 55 idle + 5 iowait not: 40 of 100
        assertEquals(0.40, QuietMachine.busyShare(before, QuietMachine.cpuTimes(stat(130, 60, 1055, 15))), 1e-9);
        assertEquals(0.0, QuietMachine.busyShare(before, before), "no time passed: nothing was busy");
        // guest ticks (fields 9 and 10) are inside user already and are not counted twice
        long[] guest = before.clone();
        guest[0] += 50;
        guest[3] += 50;
        guest[8] += 50;
        assertEquals(0.5, QuietMachine.busyShare(before, guest), 1e-9);
    }

    @Test
    void aProcessesTicksAreUserPlusSystemAfterItsName() {
        // a command name with spaces and a ')' of its own: the fields are counted after the last ')'
        String line = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 750 125 0 0 20 0 40 0 12345 0 0";
        assertEquals(875L, QuietMachine.processTicks(line));
        assertNull(QuietMachine.processTicks("4242 java S 1"));
        assertNull(QuietMachine.processTicks(null));
    }

    @Test
    void waitsForTwoQuietWindowsInARow() throws Exception {
        // busy, quiet, busy, quiet, quiet: the fifth second ends the wait
        Deque<String> samples = new ArrayDeque<>(List.of(stat(0, 0, 0, 0), stat(90, 0, 10, 0), stat(90, 0, 110, 0),
                stat(180, 0, 120, 0), stat(180, 0, 220, 0), stat(185, 0, 315, 0)));
        String line = new QuietMachine(samples::poll, 60_000, 10).await();
        assertTrue(line.startsWith("machine quiet (5% of the cores busy) after "), line);
        assertTrue(samples.isEmpty(), "every sample was read");
    }

    @Test
    void runsAnywayWhenTheMachineStaysBusyAndSaysSo() throws Exception {
        long[] user = {0};
        String line = new QuietMachine(() -> stat(user[0] += 100, 0, 0, 0), 150, 100).await();
        assertTrue(line.startsWith("machine still busy after 0 s (100% of the cores in the last second), run anyway"), line);
        assertTrue(user[0] >= 200, "sampled once more after the first look");
    }

    @Test
    void withoutProcStatNothingIsWaitedFor() throws Exception {
        assertEquals("machine load not known here (no /proc/stat): not waited for", new QuietMachine(() -> null, 60_000, 10).await());
    }
}
