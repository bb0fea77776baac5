package dev.memlens.lsp;

import dev.memlens.features.CodeActionItem;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.InlayHintItem;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One document the client has open: its exact text and version, the newest complete analysis and the analysis
 * under way. Text changes arrive on the protocol thread only, in order; analyses complete on worker threads; both
 * meet under {@link #lock}.
 *
 * <p>The full analysis may be dropped to save memory ({@link RecentAnalyses}); its {@link AnalysisSummary} stays.
 * A request that needs the full analysis of a text whose analysis was dropped gets it analyzed again.
 *
 * <p>Every text gets a new {@code generation}, even when a client repeats a version number, so "is this result still
 * current" never depends on the client counting right.
 */
final class OpenDocument {

    /** One text of the document. */
    record Snapshot(String text, int version, long generation) {
    }

    /** The analysis of a generation was not finished because the text changed again. */
    static final class Superseded extends RuntimeException {
        Superseded() {
            super("superseded by a newer edit", null, false, false);
        }
    }

    /** The document was closed before its analysis finished. */
    static final class Closed extends RuntimeException {
        Closed() {
            super("document closed", null, false, false);
        }
    }

    /**
     * Starts a job now: one that analyzes the current text again after its analysis was dropped, or one still
     * waiting out its debounce when a request wants its result (on-demand analysis).
     */
    @FunctionalInterface
    interface Starter {
        void start(OpenDocument document, AnalysisJob job);
    }

    /** Results of the last hint or code-action request, so that resolve can fill in what was left out. */
    record Cached<T>(long generation, List<T> items) {
    }

    final String uri;
    final String languageId;
    private final Object lock = new Object();
    private Snapshot current;
    private final Starter starter;
    /** The analysis of {@link #completeGeneration}, or null when dropped to save memory. */
    private DocumentAnalysis complete;
    private AnalysisSummary summary;
    private long completeGeneration = -1;
    private AnalysisJob pending;
    /** The job whose analysis runs now (at most one per document), and the one that waits for it to end. */
    private AnalysisJob running;
    private AnalysisJob waiting;
    private boolean closed;
    private long lastPublishedGeneration = -1;
    private long lastPublishedSettings = -1;
    volatile Cached<InlayHintItem> lastHints;
    /** What the last {@code memlens/analysisStatus} told the client; only a change is sent. */
    volatile List<dev.memlens.analysis.PartialAnalysis> lastStatus = List.of();
    volatile Cached<CodeActionItem> lastActions;

    OpenDocument(String uri, String languageId, String text, int version, Starter starter) {
        this.uri = uri;
        this.languageId = languageId;
        this.current = new Snapshot(text, version, 0);
        this.starter = starter;
    }

    Snapshot snapshot() {
        synchronized (lock) {
            return current;
        }
    }

    /** A new text; the caller schedules its analysis. */
    Snapshot update(String text, int version) {
        synchronized (lock) {
            current = new Snapshot(text, version, current.generation() + 1);
            return current;
        }
    }

    /**
     * The same text as a new generation, for an analysis whose inputs besides the text changed (a pyproject.toml):
     * requests then wait for that analysis instead of answering from the old one.
     */
    Snapshot renew() {
        synchronized (lock) {
            current = new Snapshot(current.text(), current.version(), current.generation() + 1);
            return current;
        }
    }

    /** Makes {@code job} the analysis under way, superseding the previous one. */
    void startJob(AnalysisJob job) {
        AnalysisJob old;
        synchronized (lock) {
            if (closed) {
                job.cancel(new Closed());
                return;
            }
            old = pending;
            pending = job;
        }
        if (old != null) {
            old.cancel(new Superseded());
        }
    }

    /** Records a finished analysis if it is still the one wanted; false if it was superseded meanwhile. */
    boolean finish(AnalysisJob job, DocumentAnalysis analysis, AnalysisSummary summary) {
        return finish(job, analysis, summary, () -> { });
    }

    /**
     * As {@link #finish(AnalysisJob, DocumentAnalysis, AnalysisSummary)}, running {@code kept} once the analysis is
     * stored and before anyone waiting for it is answered: the scheduler marks the document recently used there, so
     * a client that saw the answer can rely on the order of its documents' use.
     */
    boolean finish(AnalysisJob job, DocumentAnalysis analysis, AnalysisSummary summary, Runnable kept) {
        synchronized (lock) {
            if (pending != job || job.isCancelled()) {
                return false;
            }
            pending = null;
            complete = analysis;
            this.summary = summary;
            completeGeneration = job.snapshot().generation();
        }
        kept.run();
        job.facts().complete(analysis);
        job.future().complete(analysis);
        return true;
    }

    /** Lets the full analysis go; the summary stays, and a request that needs more analyzes the text again. */
    void dropAnalysis() {
        synchronized (lock) {
            complete = null;
        }
    }

    /** The newest complete analysis if still held, whatever text it was of (an earlier version to reuse), or null. */
    DocumentAnalysis heldAnalysis() {
        synchronized (lock) {
            return complete;
        }
    }

    /** Whether the full analysis of the current text is held (for tests and the log). */
    boolean holdsAnalysis() {
        synchronized (lock) {
            return complete != null;
        }
    }

    void close() {
        AnalysisJob old;
        synchronized (lock) {
            closed = true;
            old = pending;
            pending = null;
        }
        if (old != null) {
            old.cancel(new Closed());
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Whether {@code job} may run now: no other analysis of this document is running. If one is (stale, stopping
     * at its next cancellation check), {@code job} waits and {@link #endRun} hands it over, so one document never
     * takes more than one analysis thread.
     */
    boolean beginRun(AnalysisJob job) {
        synchronized (lock) {
            if (running != null && running != job) {
                if (waiting != null && waiting != job) {
                    waiting.cancel(new Superseded());
                }
                waiting = job;
                return false;
            }
            running = job;
            return true;
        }
    }

    /** {@code job} ended; returns the job that waited for it, now running, or null. */
    AnalysisJob endRun(AnalysisJob job) {
        synchronized (lock) {
            if (running != job) {
                return null;
            }
            running = null;
            AnalysisJob next = waiting;
            waiting = null;
            if (next == null || next.isCancelled()) {
                return null;
            }
            running = next;
            return next;
        }
    }

    /**
     * The analysis of exactly {@code generation}: now if complete, later if under way (started at once if it was
     * waiting out its debounce, or analyzed again because it was dropped), failed if superseded.
     */
    CompletableFuture<DocumentAnalysis> analysisOf(long generation) {
        return analysisOf(generation, false);
    }

    /**
     * As {@link #analysisOf(long)}, for a request that needs only the facts (inlay hints): an analysis under way
     * answers it as soon as it has them, before its rules have run; the analysis it gets may have no findings.
     */
    CompletableFuture<DocumentAnalysis> factsOf(long generation) {
        return analysisOf(generation, true);
    }

    private CompletableFuture<DocumentAnalysis> analysisOf(long generation, boolean factsSuffice) {
        AnalysisJob again;
        CompletableFuture<DocumentAnalysis> hurried;
        synchronized (lock) {
            if (completeGeneration == generation && complete != null) {
                return CompletableFuture.completedFuture(complete);
            }
            if (closed) {
                return CompletableFuture.failedFuture(new Closed());
            }
            if (pending != null && pending.snapshot().generation() == generation) {
                // a copy, so that a cancelled request cannot cancel the analysis others wait for
                CompletableFuture<DocumentAnalysis> result = (factsSuffice ? pending.facts() : pending.future()).copy();
                if (pending.claimed()) {
                    return result;
                }
                // someone waits for exactly this text: the debounce would only make them wait longer
                again = pending;
                hurried = result;
            } else if (completeGeneration != generation || current.generation() != generation) {
                return CompletableFuture.failedFuture(new Superseded());
            } else {
                // dropped to save memory, and nothing newer under way: the same text is analyzed again
                again = new AnalysisJob(current, true);
                pending = again;
                hurried = (factsSuffice ? again.facts() : again.future()).copy();
            }
        }
        starter.start(this, again);
        return hurried;
    }

    /** The summary of the newest text, following further edits until one analysis completes. */
    CompletableFuture<AnalysisSummary> newestSummary() {
        AnalysisSummary s = currentSummary();
        if (s != null) {
            return CompletableFuture.completedFuture(s);
        }
        return newestAnalysis().thenCompose(a -> newestSummary());
    }

    /** The summary of the newest complete analysis if it is of the current text, else null. */
    AnalysisSummary currentSummary() {
        synchronized (lock) {
            return summary != null && summary.generation() == current.generation() ? summary : null;
        }
    }

    /** The summary of the newest complete analysis, whatever text it was of (null before the first one). */
    AnalysisSummary latestSummary() {
        synchronized (lock) {
            return summary;
        }
    }

    /** The analysis of the newest text, following further edits until one analysis completes. */
    CompletableFuture<DocumentAnalysis> newestAnalysis() {
        return analysisOf(snapshot().generation()).exceptionallyCompose(e -> {
            Throwable cause = Requests.unwrap(e);
            return cause instanceof Superseded ? newestAnalysis() : CompletableFuture.failedFuture(cause);
        });
    }

    /** The newest complete analysis if it is of the current text and still held, else null. */
    DocumentAnalysis currentAnalysis() {
        synchronized (lock) {
            return completeGeneration == current.generation() ? complete : null;
        }
    }

    /**
     * Whether diagnostics for this generation and settings should be published now: they are of the current text
     * and newer than what was published. Latest wins even when two publications race.
     */
    boolean claimPublication(long generation, long settingsGeneration, boolean force) {
        synchronized (lock) {
            if (closed || generation != current.generation()) {
                return false;
            }
            boolean newer = generation > lastPublishedGeneration
                    || (generation == lastPublishedGeneration && settingsGeneration > lastPublishedSettings);
            if (!newer && !force) {
                return false;
            }
            lastPublishedGeneration = generation;
            lastPublishedSettings = settingsGeneration;
            return true;
        }
    }
}
