package org.trustpool.launcher;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void stepResultsLandOnTheStepLineUnlessDetailsCameBetween() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 8);
        p.step(1, "Quick").done("note");
        Progress.Step s = p.step(2, "Slow");
        p.openDetail("unpacking:");
        p.inline("50%");
        p.inline("100%");
        s.done();
        p.step(3, "Nothing").skipped("--no-demo");
        p.step(4, "Broken").failed();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].matches("\\[1/8] Quick \\.\\.\\. done in \\d+\\.\\d s \\(note\\)"), lines[0]);
        assertEquals("[2/8] Slow ...", lines[1]);
        assertEquals("      unpacking: 50% 100%", lines[2]);
        assertTrue(lines[3].matches(" {6}done in \\d+\\.\\d s"), lines[3]);
        assertEquals("[3/8] Nothing ... skipped (--no-demo)", lines[4]);
        assertTrue(lines[5].startsWith("[4/8] Broken ... FAILED after "), lines[5]);
    }
}
