package dev.memlens.lsp;

import dev.memlens.features.DocumentAnalyzer;
import dev.memlens.features.FeatureRegistry;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * What a server is built from. Tests swap the analyzer (a slow one, a failing one) and the registry; production uses
 * {@link #standard}.
 *
 * @param exit called with the process exit code on {@code exit}: 0 after {@code shutdown}, 1 without
 */
public record ServerConfig(DocumentAnalyzer analyzer, FeatureRegistry registry, PrintStream stderr, IntConsumer exit,
                           int workers, int retainedAnalyses) {

    public static ServerConfig standard(PrintStream stderr, IntConsumer exit) {
        // at least two: one document takes one thread at most, so a heavy file never holds up the others
        int workers = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return new ServerConfig(DocumentAnalyzer.standard(), FeatureRegistry.standard(), stderr, exit, workers,
                RecentAnalyses.DEFAULT_CAPACITY);
    }

    public ServerConfig withAnalyzer(DocumentAnalyzer a) {
        return new ServerConfig(a, registry, stderr, exit, workers, retainedAnalyses);
    }

    public ServerConfig withRegistry(FeatureRegistry r) {
        return new ServerConfig(analyzer, r, stderr, exit, workers, retainedAnalyses);
    }

    /** How many open documents keep their full analysis ({@link RecentAnalyses}); at least 1. */
    public ServerConfig withRetainedAnalyses(int n) {
        return new ServerConfig(analyzer, registry, stderr, exit, workers, n);
    }
}
