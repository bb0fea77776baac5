package dev.memlens.cli;

import java.io.PrintWriter;

/**
 * "checked 120/1790 files" on one terminal line, redrawn in place, only once a run has taken longer than
 * {@code afterNanos} (a quick run prints nothing extra), at most every 100 ms. Cleared before other output so the
 * two never mix on the line.
 */
final class ProgressLine {
    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private final long afterNanos;
    private long lastDrawn;
    private boolean shown;

    ProgressLine(PrintWriter err, boolean enabled, long afterNanos) {
        this.err = err;
        this.enabled = enabled;
        this.afterNanos = afterNanos;
    }

    void update(int done, int total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < afterNanos || shown && now - lastDrawn < 100_000_000L && done < total) {
            return;
        }
        err.print("\rchecked " + done + "/" + total + " files");
        err.flush();
        lastDrawn = now;
        shown = true;
    }

    void clear() {
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
            shown = false;
        }
    }
}
