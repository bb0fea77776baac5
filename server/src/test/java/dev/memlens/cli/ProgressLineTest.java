package dev.memlens.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The progress line of {@code check}: only after its delay, only when enabled (a terminal), cleared in place. */
class ProgressLineTest {

    @Test
    void drawsAfterTheDelayAndClearsItsLine() {
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err), true, 0);
        line.update(1, 3);
        line.update(3, 3);
        line.clear();
        line.clear();
        assertEquals("\rchecked 1/3 files\rchecked 3/3 files\r\u001b[K", err.toString());
    }

    @Test
    void aQuickRunOrAPipeShowsNothing() {
        StringWriter err = new StringWriter();
        ProgressLine quick = new ProgressLine(new PrintWriter(err), true, CheckCommand.PROGRESS_AFTER_NANOS);
        quick.update(1, 2);
        quick.clear();
        ProgressLine piped = new ProgressLine(new PrintWriter(err), false, 0);
        piped.update(1, 2);
        piped.clear();
        assertEquals("", err.toString());
    }
}
