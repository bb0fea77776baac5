package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.DocumentAnalyzer;
import dev.memlens.features.Finding;
import dev.memlens.syntax.SourceText;

import java.util.List;
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
        void analyzed(OpenDocument document, AnalysisSummary summary);
    }

    /** The unfiltered diagnostics of an analysis, kept in its {@link AnalysisSummary}. */
    @FunctionalInterface
    interface Summarizer {
        List<Finding> diagnostics(DocumentAnalysis analysis, Cancellation cancel);
    }

    private final ScheduledExecutorService executor;
    private final DocumentAnalyzer analyzer;
    private final Summarizer summarizer;
    private final RecentAnalyses recent;
    private final ServerLog log;
    private final Listener onComplete;

    AnalysisScheduler(ScheduledExecutorService executor, DocumentAnalyzer analyzer, Summarizer summarizer,
                      RecentAnalyses recent, ServerLog log, Listener onComplete) {
        this.executor = executor;
        this.analyzer = analyzer;
        this.summarizer = summarizer;
        this.recent = recent;
        this.log = log;
        this.onComplete = onComplete;
    }

    /** Analyzes the current text again at once because its analysis was dropped ({@link OpenDocument#analysisOf}). */
    void reanalyze(OpenDocument document, AnalysisJob job) {
        try {
            job.setTimer(executor.submit(() -> run(document, job)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            job.cancel(new OpenDocument.Closed());
        }
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

    private AnalysisSummary summarize(OpenDocument.Snapshot snapshot, DocumentAnalysis analysis, Cancellation cancel) {
        return new AnalysisSummary(snapshot.generation(), snapshot.version(), analysis.lines(),
                summarizer.diagnostics(analysis, cancel));
    }

    private void run(OpenDocument document, AnalysisJob job) {
        if (job.isCancelled()) {
            return;
        }
        OpenDocument.Snapshot snapshot = job.snapshot();
        long started = System.nanoTime();
        DocumentAnalysis analysis;
        AnalysisSummary summary;
        SourceText source = new SourceText(document.uri, snapshot.text());
        try {
            analysis = analyzer.analyze(source, snapshot.version(), job);
            summary = summarize(snapshot, analysis, job);
        } catch (Cancellation.Cancelled e) {
            log.debug("analysis of " + document.uri + " v" + snapshot.version() + " cancelled");
            return;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            log.error("analysis of " + document.uri + " v" + snapshot.version() + " failed: " + Traces.of(e));
            analysis = DocumentAnalysis.empty(source, snapshot.version());
            summary = summarize(snapshot, analysis, Cancellation.NEVER);
        }
        if (document.finish(job, analysis, summary)) {
            recent.touch(document);
            if (log.debugEnabled()) {
                log.debug((job.again() ? "analyzed again " : "analyzed ") + document.uri + " v"
                        + snapshot.version() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            if (job.again()) {
                return; // the same text as before: its diagnostics were published already
            }
            try {
                onComplete.analyzed(document, summary);
            } catch (RuntimeException e) {
                log.error("after analysis of " + document.uri + ": " + e);
            }
        }
    }
}
