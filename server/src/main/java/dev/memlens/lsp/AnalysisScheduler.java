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
 * Runs analyses after edits on a bounded pool: each new text waits {@code debounceMs} (so that pushed diagnostics do
 * not chase every keystroke) unless a request for exactly that text starts it at once, and replaces any analysis of
 * an older text that has not finished (latest wins). A stale analysis stops at its next cancellation check; one
 * document has at most one analysis running, so a heavy file takes one thread and the others keep serving the
 * other documents. Only complete analyses reach {@link OpenDocument} and the listener.
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
    private final java.util.concurrent.atomic.LongAdder onDemandStarts = new java.util.concurrent.atomic.LongAdder();

    AnalysisScheduler(ScheduledExecutorService executor, DocumentAnalyzer analyzer, Summarizer summarizer,
                      RecentAnalyses recent, ServerLog log, Listener onComplete) {
        this.executor = executor;
        this.analyzer = analyzer;
        this.summarizer = summarizer;
        this.recent = recent;
        this.log = log;
        this.onComplete = onComplete;
    }

    /**
     * Starts {@code job} now unless it started already: a request wants its result (the text was edited and its
     * debounce has not run out, or its analysis was dropped, {@link OpenDocument#analysisOf}).
     */
    void startNow(OpenDocument document, AnalysisJob job) {
        submit(document, job, 0, true);
    }

    /** How many analyses a request started before their debounce ran out (or after their analysis was dropped). */
    long onDemandStarts() {
        return onDemandStarts.sum();
    }

    /** A new text: its analysis starts after {@code delayMs}, or earlier when a request asks for it. */
    void schedule(OpenDocument document, OpenDocument.Snapshot snapshot, int delayMs) {
        AnalysisJob job = new AnalysisJob(snapshot);
        document.startJob(job);
        submit(document, job, delayMs, false);
    }

    private void submit(OpenDocument document, AnalysisJob job, int delayMs, boolean onDemand) {
        if (job.isCancelled() || job.claimed()) {
            return;
        }
        try {
            if (delayMs <= 0) {
                executor.execute(() -> run(document, job, onDemand));
            } else {
                job.setTimer(executor.schedule(() -> run(document, job, onDemand), delayMs,
                        TimeUnit.MILLISECONDS));
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            job.cancel(new OpenDocument.Closed());
        }
    }

    /**
     * Runs {@code job} if this is the first trigger to claim it. A document's analyses run one at a time: when an
     * older one is still running (stale, stopping at its next cancellation check), this one is handed to it and runs
     * right after, on the same thread.
     */
    private void run(OpenDocument document, AnalysisJob job, boolean onDemand) {
        if (!job.claim()) {
            return;
        }
        if (onDemand) {
            onDemandStarts.increment();
        }
        if (!document.beginRun(job)) {
            return;
        }
        AnalysisJob next = job;
        while (next != null) {
            try {
                analyze(document, next);
            } finally {
                next = document.endRun(next);
            }
        }
    }

    private AnalysisSummary summarize(OpenDocument.Snapshot snapshot, DocumentAnalysis analysis, Cancellation cancel) {
        return new AnalysisSummary(snapshot.generation(), snapshot.version(), analysis.lines(),
                summarizer.diagnostics(analysis, cancel),
                analysis.facts() == null ? List.of() : analysis.facts().partials());
    }

    private void analyze(OpenDocument document, AnalysisJob job) {
        if (job.isCancelled()) {
            return;
        }
        OpenDocument.Snapshot snapshot = job.snapshot();
        long started = System.nanoTime();
        DocumentAnalysis analysis;
        AnalysisSummary summary;
        SourceText source = new SourceText(document.uri, snapshot.text());
        try {
            // hints waiting for this text are answered from the facts while the rules run
            analysis = analyzer.analyze(source, snapshot.version(), job, document.heldAnalysis(),
                    facts -> job.facts().complete(facts));
            summary = summarize(snapshot, analysis, job);
        } catch (Cancellation.Cancelled e) {
            log.debug("analysis of " + document.uri + " v" + snapshot.version() + " cancelled");
            return;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            log.error("analysis of " + document.uri + " v" + snapshot.version() + " failed: " + Traces.of(e));
            analysis = DocumentAnalysis.empty(source, snapshot.version());
            summary = summarize(snapshot, analysis, Cancellation.NEVER);
        }
        if (document.finish(job, analysis, summary, () -> recent.touch(document))) {
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
