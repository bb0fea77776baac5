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

    /** Results of the last hint or code-action request, so that resolve can fill in what was left out. */
    record Cached<T>(long generation, List<T> items) {
    }

    final String uri;
    final String languageId;
    private final Object lock = new Object();
    private Snapshot current;
    private DocumentAnalysis complete;
    private long completeGeneration = -1;
    private AnalysisJob pending;
    private boolean closed;
    private long lastPublishedGeneration = -1;
    private long lastPublishedSettings = -1;
    volatile Cached<InlayHintItem> lastHints;
    volatile Cached<CodeActionItem> lastActions;

    OpenDocument(String uri, String languageId, String text, int version) {
        this.uri = uri;
        this.languageId = languageId;
        this.current = new Snapshot(text, version, 0);
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
    boolean finish(AnalysisJob job, DocumentAnalysis analysis) {
        synchronized (lock) {
            if (pending != job || job.isCancelled()) {
                return false;
            }
            pending = null;
            complete = analysis;
            completeGeneration = job.snapshot().generation();
        }
        job.future().complete(analysis);
        return true;
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

    /** The analysis of exactly {@code generation}: now if complete, later if under way, failed if superseded. */
    CompletableFuture<DocumentAnalysis> analysisOf(long generation) {
        synchronized (lock) {
            if (completeGeneration == generation) {
                return CompletableFuture.completedFuture(complete);
            }
            if (closed) {
                return CompletableFuture.failedFuture(new Closed());
            }
            if (pending != null && pending.snapshot().generation() == generation) {
                // a copy, so that a cancelled request cannot cancel the analysis others wait for
                return pending.future().copy();
            }
            return CompletableFuture.failedFuture(new Superseded());
        }
    }

    /** The analysis of the newest text, following further edits until one analysis completes. */
    CompletableFuture<DocumentAnalysis> newestAnalysis() {
        return analysisOf(snapshot().generation()).exceptionallyCompose(e -> {
            Throwable cause = Requests.unwrap(e);
            return cause instanceof Superseded ? newestAnalysis() : CompletableFuture.failedFuture(cause);
        });
    }

    /** The newest complete analysis if it is of the current text, else null. */
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
