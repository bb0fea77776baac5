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

    /** The computation of a request that needs only the summary of the newest analysis (diagnostics). */
    @FunctionalInterface
    interface SummaryBody<T> {
        T compute(OpenDocument document, AnalysisSummary summary, Cancellation cancel);
    }

    private final ServerLog log;
    private final Executor executor;
    private final RecentAnalyses recent;

    Requests(ServerLog log, Executor executor, RecentAnalyses recent) {
        this.log = log;
        this.executor = executor;
        this.recent = recent;
    }

    /**
     * Answers from the complete analysis of the text the request was made against; a change meanwhile makes the
     * answer ContentModified.
     */
    <T> CompletableFuture<T> run(String method, OpenDocument document, T empty, Body<T> body) {
        return runOn(method, document, empty, false, body);
    }

    /**
     * As {@link #run}, from an analysis that may lack the rules' findings: answered as soon as the facts of the text
     * are known (inlay hints read nothing else).
     */
    <T> CompletableFuture<T> runOnFacts(String method, OpenDocument document, T empty, Body<T> body) {
        return runOn(method, document, empty, true, body);
    }

    private <T> CompletableFuture<T> runOn(String method, OpenDocument document, T empty, boolean factsSuffice,
                                           Body<T> body) {
        if (document == null) {
            return CompletableFuture.completedFuture(empty);
        }
        long generation = document.snapshot().generation();
        return answer(method, document, empty,
                factsSuffice ? document.factsOf(generation) : document.analysisOf(generation), generation,
                (analysis, cancel) -> {
                    recent.touch(document);
                    return body.compute(document, analysis, generation, cancel);
                });
    }

    /** Answers from the summary of the newest text, even if it changes meanwhile (the request has no positions). */
    <T> CompletableFuture<T> runOnNewestSummary(String method, OpenDocument document, T empty, SummaryBody<T> body) {
        if (document == null) {
            return CompletableFuture.completedFuture(empty);
        }
        return answer(method, document, empty, document.newestSummary(), Long.MIN_VALUE,
                (summary, cancel) -> body.compute(document, summary, cancel));
    }

    /** @param generation the generation whose change cancels the request, or {@code Long.MIN_VALUE} for none */
    private <A, T> CompletableFuture<T> answer(String method, OpenDocument document, T empty,
                                               CompletableFuture<A> source, long generation,
                                               java.util.function.BiFunction<A, Cancellation, T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        source.whenCompleteAsync((a, error) -> {
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
            Cancellation cancel = () -> result.isDone()
                    || (generation != Long.MIN_VALUE && document.snapshot().generation() != generation);
            try {
                T value = body.apply(a, cancel);
                result.complete(value == null ? empty : value);
            } catch (Cancellation.Cancelled e) {
                result.completeExceptionally(contentModified(method));
            } catch (RuntimeException | StackOverflowError e) {
                log.warn(method + " " + document.uri + " failed: " + Traces.of(e));
                result.complete(empty);
            }
        }, executor);
        return result;
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
