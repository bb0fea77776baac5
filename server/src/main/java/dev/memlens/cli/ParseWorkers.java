package dev.memlens.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for parsing. They get a large stack: a file nested as deeply as CPython allows must not take the whole
 * run down, whatever stack the parser needs for it.
 */
final class ParseWorkers {
    private static final long STACK_BYTES = 16L << 20;

    private ParseWorkers() {
    }

    static ExecutorService pool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread t = new Thread(null, task, "memlens-parse-" + n.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }

    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
