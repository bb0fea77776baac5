package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.DocumentAnalysis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One scheduled analysis of one snapshot; cancelled when a newer snapshot or a close makes it stale. It runs at most
 * once: either when its debounce timer fires or earlier, when a request for its text wants it now
 * ({@link #claim()} decides which of the two starts it).
 */
final class AnalysisJob implements Cancellation {

    private final OpenDocument.Snapshot snapshot;
    private final boolean again;
    private final CompletableFuture<DocumentAnalysis> future = new CompletableFuture<>();
    /** The analysis before the rules ran (no findings), or the complete one if that came first: for inlay hints. */
    private final CompletableFuture<DocumentAnalysis> facts = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();
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

    CompletableFuture<DocumentAnalysis> facts() {
        return facts;
    }

    void setTimer(Future<?> timer) {
        this.timer = timer;
        if (cancelled || claimed.get()) {
            timer.cancel(false);
        }
    }

    /** True for the one caller that gets to run this job; false once it was claimed or cancelled. */
    boolean claim() {
        if (cancelled || !claimed.compareAndSet(false, true)) {
            return false;
        }
        Future<?> t = timer;
        if (t != null) {
            t.cancel(false); // a request started it before its debounce ran out
        }
        return true;
    }

    /** Whether the job was started (or is about to be): a request for its text has nothing to hurry. */
    boolean claimed() {
        return claimed.get();
    }

    void cancel(RuntimeException reason) {
        cancelled = true;
        Future<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        future.completeExceptionally(reason);
        facts.completeExceptionally(reason);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
