package dev.memlens.lsp;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until something appears; tests wait for asynchronous server messages this way. */
final class Await {

    /**
     * How long to wait for something that must happen. Generous on purpose: the suite runs on a loaded 2-core
     * machine next to other builds, and a longer wait only costs time when the test fails anyway.
     */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    private Await() {
    }

    static <T> T until(Duration timeout, String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    static <T> T until(String what, Supplier<T> probe) {
        return until(PATIENCE, what, probe);
    }

    static void condition(String what, java.util.function.BooleanSupplier probe) {
        condition(PATIENCE, what, probe);
    }

    static void condition(Duration timeout, String what, java.util.function.BooleanSupplier probe) {
        until(timeout, what, () -> probe.getAsBoolean() ? Boolean.TRUE : null);
    }
}
