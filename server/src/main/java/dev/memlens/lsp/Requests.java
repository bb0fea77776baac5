package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.DocumentAnalysis;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * How every document request is answered: wait (without blocking the protocol thread) for the complete analysis
 * of the text the request was made against, then compute on a worker. Every way this can go wrong ends in a
 * response: an unknown document or a failing feature gives the empty answer (logged), a newer edit gives
 * {@code ContentModified}, and a {@code $/cancelRequest} cancels the returned future, which lsp4j answers with
 * {@code RequestCancelled}.
 */
final class Requests {

    /** The computation of one request, given the analysis it is about. */
    @FunctionalInterface
    interface Body<T> {
        T compute(OpenDocument document, DocumentAnalysis analysis, long generation, Cancellation cancel);
    }

    private final ServerLog log;
    private final Executor executor;

    Requests(ServerLog log, Executor executor) {
        this.log = log;
        this.executor = executor;
    }

    /**
     * @param newest answer from the newest text even if it changes meanwhile (diagnostics: the request has no
     *               positions); otherwise a change makes the answer ContentModified
     */
    <T> CompletableFuture<T> run(String method, OpenDocument document, T empty, boolean newest, Body<T> body) {
        if (document == null) {
            return CompletableFuture.completedFuture(empty);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        long generation = document.snapshot().generation();
        CompletableFuture<DocumentAnalysis> analysis = newest
                ? document.newestAnalysis()
                : document.analysisOf(generation);
        analysis.whenCompleteAsync((a, error) -> {
            if (result.isDone()) {
                return;
            }
            if (error != null) {
                Throwable cause = unwrap(error);
                if (cause instanceof OpenDocument.Superseded) {
                    result.completeExceptionally(contentModified(method));
                } else {
                    if (!(cause instanceof OpenDocument.Closed)) {
                        log.warn(method + " " + document.uri + ": " + cause);
                    }
                    result.complete(empty);
                }
                return;
            }
            long answered = newest ? Long.MIN_VALUE : generation;
            Cancellation cancel = () -> result.isDone()
                    || (answered != Long.MIN_VALUE && document.snapshot().generation() != answered);
            try {
                T value = body.compute(document, a, newest ? currentGeneration(document, a) : generation, cancel);
                result.complete(value == null ? empty : value);
            } catch (Cancellation.Cancelled e) {
                result.completeExceptionally(contentModified(method));
            } catch (RuntimeException | StackOverflowError e) {
                log.warn(method + " " + document.uri + " failed: " + e);
                result.complete(empty);
            }
        }, executor);
        return result;
    }

    /** The generation an analysis obtained through {@link OpenDocument#newestAnalysis()} belongs to. */
    private static long currentGeneration(OpenDocument document, DocumentAnalysis analysis) {
        OpenDocument.Snapshot s = document.snapshot();
        return document.currentAnalysis() == analysis ? s.generation() : -1;
    }

    static ResponseErrorException contentModified(String method) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.ContentModified,
                method + ": the document changed", null));
    }

    static ResponseErrorException error(ResponseErrorCode code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
