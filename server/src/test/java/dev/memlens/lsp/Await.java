package dev.memlens.lsp;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until something appears; tests wait for asynchronous server messages this way. */
final class Await {

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

    static void condition(Duration timeout, String what, java.util.function.BooleanSupplier probe) {
        until(timeout, what, () -> probe.getAsBoolean() ? Boolean.TRUE : null);
    }
}
