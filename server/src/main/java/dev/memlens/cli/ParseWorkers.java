package dev.memlens.cli;

import dev.memlens.syntax.DeepStack;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads for parsing and checking. They get the deep stack ({@link DeepStack}): a file nested as deeply as the
 * parser accepts must not take the whole run down, whatever stack the parser and the layers after it need for it.
 */
final class ParseWorkers {
    private ParseWorkers() {
    }

    static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, DeepStack.factory("memlens-parse"));
    }

    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
