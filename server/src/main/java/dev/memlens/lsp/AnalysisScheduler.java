package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.DocumentAnalyzer;
import dev.memlens.syntax.SourceText;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs analyses after edits: each new text waits {@code debounceMs} and replaces any analysis of an older text that
 * has not finished (latest wins). A stale analysis stops at its next cancellation check; only complete analyses
 * reach {@link OpenDocument} and the listener.
 */
final class AnalysisScheduler {

    /** Told about each analysis that completed and is still current when it completes. */
    @FunctionalInterface
    interface Listener {
        void analyzed(OpenDocument document, OpenDocument.Snapshot snapshot, DocumentAnalysis analysis);
    }

    private final ScheduledExecutorService executor;
    private final DocumentAnalyzer analyzer;
    private final ServerLog log;
    private final Listener onComplete;

    AnalysisScheduler(ScheduledExecutorService executor, DocumentAnalyzer analyzer, ServerLog log,
                      Listener onComplete) {
        this.executor = executor;
        this.analyzer = analyzer;
        this.log = log;
        this.onComplete = onComplete;
    }

    void schedule(OpenDocument document, OpenDocument.Snapshot snapshot, int delayMs) {
        AnalysisJob job = new AnalysisJob(snapshot);
        document.startJob(job);
        if (job.isCancelled()) {
            return;
        }
        try {
            job.setTimer(executor.schedule(() -> run(document, job), Math.max(0, delayMs), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            job.cancel(new OpenDocument.Closed());
        }
    }

    private void run(OpenDocument document, AnalysisJob job) {
        if (job.isCancelled()) {
            return;
        }
        OpenDocument.Snapshot snapshot = job.snapshot();
        long started = System.nanoTime();
        DocumentAnalysis analysis;
        SourceText source = new SourceText(document.uri, snapshot.text());
        try {
            analysis = analyzer.analyze(source, snapshot.version(), job);
        } catch (Cancellation.Cancelled e) {
            log.debug("analysis of " + document.uri + " v" + snapshot.version() + " cancelled");
            return;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            log.error("analysis of " + document.uri + " v" + snapshot.version() + " failed: " + e);
            analysis = DocumentAnalysis.empty(source, snapshot.version());
        }
        if (document.finish(job, analysis)) {
            if (log.debugEnabled()) {
                log.debug("analyzed " + document.uri + " v" + snapshot.version() + " in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            try {
                onComplete.analyzed(document, snapshot, analysis);
            } catch (RuntimeException e) {
                log.error("after analysis of " + document.uri + ": " + e);
            }
        }
    }
}
