package dev.memlens.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.memlens.features.CodeActionItem;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.Finding;
import dev.memlens.features.InlayHintItem;
import dev.memlens.syntax.ast.Span;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.RelatedUnchangedDocumentDiagnosticReport;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code textDocument/*}: keeps the open documents exact and answers feature requests from their analyses. */
final class TextDocuments implements TextDocumentService {

    private final MemLensServer server;

    TextDocuments(MemLensServer server) {
        this.server = server;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        if (!server.serving()) {
            return;
        }
        TextDocumentItem item = params == null ? null : params.getTextDocument();
        if (item == null || item.getUri() == null || item.getText() == null) {
            server.log.warn("didOpen without a document, uri or text; ignored");
            return;
        }
        OpenDocument document = new OpenDocument(item.getUri(), item.getLanguageId(), item.getText(),
                item.getVersion(), server.scheduler::startNow);
        OpenDocument replaced = server.documents.open(document);
        if (replaced != null) {
            replaced.close();
            server.recent.forget(replaced);
            server.log.warn("didOpen of " + item.getUri() + ", which was open already: its text is replaced");
        }
        server.log.debug("opened " + item.getUri() + " v" + item.getVersion() + " (" + item.getText().length()
                + " chars)");
        // the first analysis is not debounced: the user is waiting for it
        server.scheduler.schedule(document, document.snapshot(), 0);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        if (!server.serving()) {
            return;
        }
        String uri = params == null || params.getTextDocument() == null ? null : params.getTextDocument().getUri();
        OpenDocument document = server.documents.get(uri);
        if (document == null) {
            server.log.warn("didChange of " + uri + ", which is not open; ignored");
            return;
        }
        OpenDocument.Snapshot before = document.snapshot();
        String text;
        try {
            text = ContentChanges.apply(before.text(), params.getContentChanges(),
                    server.clientSupport().encoding(), problem -> server.log.warn("didChange " + uri + ": " + problem));
        } catch (RuntimeException e) {
            server.log.error("didChange " + uri + " could not be applied, text kept as it was: " + e);
            text = before.text();
        }
        Integer version = params.getTextDocument().getVersion();
        int next = version == null ? before.version() + 1 : version;
        if (next <= before.version()) {
            server.log.debug("didChange " + uri + ": version " + next + " after " + before.version());
        }
        OpenDocument.Snapshot after = document.update(text, next);
        server.scheduler.schedule(document, after, server.settings().debounceMs());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params == null || params.getTextDocument() == null ? null : params.getTextDocument().getUri();
        OpenDocument document = server.documents.remove(uri);
        if (document == null) {
            return;
        }
        document.close();
        server.recent.forget(document);
        server.publishEmpty(uri);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the open document's text is already current; nothing on disk matters
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        if (params != null && server.notebooks.hasCell(params.getTextDocument())) {
            return server.notebooks.cells.hover(params);
        }
        return guard("textDocument/hover", params == null ? null : params.getTextDocument(), null,
                (document, analysis, generation, cancel) -> {
                    Convert convert = convert(document, analysis);
                    int offset = convert.positions().offset(params.getPosition());
                    return server.features.hover(analysis, offset, server.settings(), cancel)
                            .map(convert::hover).orElse(null);
                });
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        if (params != null && server.notebooks.hasCell(params.getTextDocument())) {
            return server.notebooks.cells.inlayHint(params);
        }
        return guardOnFacts("textDocument/inlayHint", params == null ? null : params.getTextDocument(), List.of(),
                (document, analysis, generation, cancel) -> {
                    Convert convert = convert(document, analysis);
                    Span range = convert.positions().span(params.getRange());
                    List<InlayHintItem> items = server.features.inlayHints(analysis, range, server.settings(),
                            cancel);
                    document.lastHints = new OpenDocument.Cached<>(generation, items);
                    List<InlayHint> hints = new ArrayList<>(items.size());
                    for (int i = 0; i < items.size(); i++) {
                        hints.add(convert.inlayHint(items.get(i), i, generation));
                    }
                    return hints;
                });
    }

    @Override
    public CompletableFuture<InlayHint> resolveInlayHint(InlayHint hint) {
        try {
            server.checkServing("inlayHint/resolve");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        ResolveKey key = ResolveKey.of(hint == null ? null : hint.getData());
        if (key != null && server.notebooks.ofCell(key.uri) != null) {
            return server.notebooks.cells.resolveInlayHint(hint, key.uri, key.generation, key.index);
        }
        OpenDocument document = key == null ? null : server.documents.get(key.uri);
        OpenDocument.Cached<InlayHintItem> cached = document == null ? null : document.lastHints;
        AnalysisSummary summary = document == null ? null : document.currentSummary();
        if (cached == null || summary == null || cached.generation() != key.generation
                || summary.generation() != key.generation || key.index < 0 || key.index >= cached.items().size()) {
            return CompletableFuture.completedFuture(hint);
        }
        try {
            return CompletableFuture.completedFuture(server.converter(document, summary.version(), summary.lines())
                    .resolved(hint, cached.items().get(key.index)));
        } catch (RuntimeException e) {
            server.log.warn("inlayHint/resolve failed: " + e);
            return CompletableFuture.completedFuture(hint);
        }
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        if (params != null && server.notebooks.hasCell(params.getTextDocument())) {
            return server.notebooks.cells.codeAction(params);
        }
        return guard("textDocument/codeAction", params == null ? null : params.getTextDocument(), List.of(),
                (document, analysis, generation, cancel) -> {
                    Convert convert = convert(document, analysis);
                    List<CodeActionItem> items = CodeActionAnswer.items(server, params, convert, analysis, cancel);
                    document.lastActions = new OpenDocument.Cached<>(generation, items);
                    return CodeActionAnswer.toLsp(items, convert, server.clientSupport(), generation);
                });
    }

    @Override
    public CompletableFuture<CodeAction> resolveCodeAction(CodeAction action) {
        try {
            server.checkServing("codeAction/resolve");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        ResolveKey key = ResolveKey.of(action == null ? null : action.getData());
        if (key != null && server.notebooks.ofCell(key.uri) != null) {
            return server.notebooks.cells.resolveCodeAction(action, key.uri, key.generation, key.index);
        }
        OpenDocument document = key == null ? null : server.documents.get(key.uri);
        OpenDocument.Cached<CodeActionItem> cached = document == null ? null : document.lastActions;
        AnalysisSummary summary = document == null ? null : document.currentSummary();
        if (cached == null || summary == null || cached.generation() != key.generation
                || summary.generation() != key.generation || key.index < 0 || key.index >= cached.items().size()) {
            return CompletableFuture.failedFuture(Requests.contentModified("codeAction/resolve"));
        }
        try {
            action.setEdit(server.converter(document, summary.version(), summary.lines())
                    .workspaceEdit(cached.items().get(key.index).edits()));
            action.setData(null);
            return CompletableFuture.completedFuture(action);
        } catch (RuntimeException e) {
            server.log.warn("codeAction/resolve failed: " + e);
            return CompletableFuture.completedFuture(action);
        }
    }

    @Override
    public CompletableFuture<DocumentDiagnosticReport> diagnostic(DocumentDiagnosticParams params) {
        DocumentDiagnosticReport empty = new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(
                List.of()));
        String previous = params == null ? null : params.getPreviousResultId();
        String method = "textDocument/diagnostic";
        if (params != null && server.notebooks.hasCell(params.getTextDocument())) {
            return server.notebooks.cells.diagnostic();
        }
        try {
            OpenDocument document = openDocument(method, params == null ? null : params.getTextDocument());
            // from the summary of the newest text: diagnostics need no full analysis, so none is redone for them
            return server.requests.runOnNewestSummary(method, document, empty, (doc, summary, cancel) -> {
                long settingsGen = server.settingsGeneration();
                String resultId = "g" + summary.generation() + "s" + settingsGen;
                if (resultId.equals(previous)) {
                    return new DocumentDiagnosticReport(new RelatedUnchangedDocumentDiagnosticReport(resultId));
                }
                Convert convert = server.converter(doc, summary.version(), summary.lines());
                List<Diagnostic> items = new ArrayList<>();
                for (Finding f : server.features.diagnostics(summary.unfilteredDiagnostics(), server.settings())) {
                    items.add(convert.diagnostic(f));
                }
                RelatedFullDocumentDiagnosticReport report = new RelatedFullDocumentDiagnosticReport(items);
                report.setResultId(resultId);
                return new DocumentDiagnosticReport(report);
            });
        } catch (org.eclipse.lsp4j.jsonrpc.ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            server.log.warn(method + " failed: " + e);
            return CompletableFuture.completedFuture(empty);
        }
    }

    private <T> CompletableFuture<T> guard(String method, TextDocumentIdentifier id, T empty, Requests.Body<T> body) {
        return guard(method, id, empty, false, body);
    }

    /** As {@link #guard}, answered from the facts before the rules have run (inlay hints need no findings). */
    private <T> CompletableFuture<T> guardOnFacts(String method, TextDocumentIdentifier id, T empty,
                                                  Requests.Body<T> body) {
        return guard(method, id, empty, true, body);
    }

    private <T> CompletableFuture<T> guard(String method, TextDocumentIdentifier id, T empty, boolean factsSuffice,
                                           Requests.Body<T> body) {
        try {
            OpenDocument document = openDocument(method, id);
            return factsSuffice ? server.requests.runOnFacts(method, document, empty, body)
                    : server.requests.run(method, document, empty, body);
        } catch (org.eclipse.lsp4j.jsonrpc.ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            server.log.warn(method + " failed: " + e);
            return CompletableFuture.completedFuture(empty);
        }
    }

    /** The open document a request is about, or null (logged) when it is not open; errors the protocol asks for. */
    private OpenDocument openDocument(String method, TextDocumentIdentifier id) {
        server.checkServing(method);
        if (id == null || id.getUri() == null) {
            throw Requests.error(ResponseErrorCode.InvalidParams, method + " needs a textDocument with a uri");
        }
        OpenDocument document = server.documents.get(id.getUri());
        if (document == null) {
            server.log.debug(method + " for " + id.getUri() + ", which is not open");
        }
        return document;
    }

    private Convert convert(OpenDocument document, DocumentAnalysis analysis) {
        return server.converter(document, analysis.version(), analysis.lines());
    }

    /** The {@code data} the server put on a hint or action to find it again when resolving. */
    private record ResolveKey(String uri, long generation, int index) {
        static ResolveKey of(Object data) {
            if (!(data instanceof JsonElement element) || !element.isJsonObject()) {
                return null;
            }
            JsonObject o = element.getAsJsonObject();
            try {
                return new ResolveKey(o.get("uri").getAsString(), o.get("generation").getAsLong(),
                        o.get("index").getAsInt());
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
