package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.DocumentAnalysis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** One scheduled analysis of one snapshot; cancelled when a newer snapshot or a close makes it stale. */
final class AnalysisJob implements Cancellation {

    private final OpenDocument.Snapshot snapshot;
    private final boolean again;
    private final CompletableFuture<DocumentAnalysis> future = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile Future<?> timer;

    AnalysisJob(OpenDocument.Snapshot snapshot) {
        this(snapshot, false);
    }

    /** @param again the text was analyzed before and its analysis dropped: nothing new to publish */
    AnalysisJob(OpenDocument.Snapshot snapshot, boolean again) {
        this.snapshot = snapshot;
        this.again = again;
    }

    boolean again() {
        return again;
    }

    OpenDocument.Snapshot snapshot() {
        return snapshot;
    }

    CompletableFuture<DocumentAnalysis> future() {
        return future;
    }

    void setTimer(Future<?> timer) {
        this.timer = timer;
        if (cancelled) {
            timer.cancel(false);
        }
    }

    void cancel(RuntimeException reason) {
        cancelled = true;
        Future<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        future.completeExceptionally(reason);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
