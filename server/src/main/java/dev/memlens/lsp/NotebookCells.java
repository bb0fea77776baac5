package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.CodeActionItem;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.Finding;
import dev.memlens.features.InlayHintItem;
import dev.memlens.features.NotebookLabels;
import dev.memlens.features.NotebookModule;
import dev.memlens.syntax.ast.Span;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Requests about notebook cells, answered from the analysis of their notebook's module: a cell position becomes a
 * module offset, the features run on the module, and their results come back in the cell's positions (a location in
 * another cell, such as where a hint's name was bound, in that cell's). Diagnostics of a notebook are always pushed,
 * one list per cell: clients do not pull for cells (VS Code's pulls only for documents with their own tab).
 */
final class NotebookCells {

    /** The computation of one cell request, given the cell, its module and the module's analysis. */
    @FunctionalInterface
    private interface Body<T> {
        T compute(CellView view, DocumentAnalysis analysis, long generation, Cancellation cancel);
    }

    /** One cell of one text of a notebook, with the conversions between the cell and the module. */
    private record CellView(Notebook notebook, Notebook.Text text, NotebookModule.Cell cell, Convert convert,
                            NotebookLabels labels) {
    }

    private final MemLensServer server;
    private final NotebookDocuments notebooks;

    NotebookCells(MemLensServer server, NotebookDocuments notebooks) {
        this.server = server;
        this.notebooks = notebooks;
    }

    CompletableFuture<Hover> hover(HoverParams params) {
        return run("textDocument/hover", params.getTextDocument(), null, (view, analysis, generation, cancel) -> {
            int offset = view.convert().positions().offset(params.getPosition());
            return server.features.hover(analysis, offset, server.settings(), cancel)
                    .map(view.labels()::hover).map(view.convert()::hover).orElse(null);
        });
    }

    CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return run("textDocument/inlayHint", params.getTextDocument(), List.of(),
                (view, analysis, generation, cancel) -> {
                    Span range = view.convert().positions().span(params.getRange());
                    List<InlayHintItem> items = new ArrayList<>();
                    for (InlayHintItem item : server.features.inlayHints(analysis, range, server.settings(),
                            cancel)) {
                        items.add(view.labels().hint(item));
                    }
                    view.notebook().lastHints.put(view.cell().uri(), new OpenDocument.Cached<>(generation, items));
                    List<InlayHint> hints = new ArrayList<>(items.size());
                    for (int i = 0; i < items.size(); i++) {
                        hints.add(view.convert().inlayHint(items.get(i), i, generation));
                    }
                    return hints;
                });
    }

    CompletableFuture<InlayHint> resolveInlayHint(InlayHint hint, String cellUri, long generation, int index) {
        Notebook notebook = notebooks.ofCell(cellUri);
        OpenDocument.Cached<InlayHintItem> cached = notebook == null ? null : notebook.lastHints.get(cellUri);
        CellView view = notebook == null ? null : view(notebook, generation, cellUri);
        if (cached == null || view == null || cached.generation() != generation || index < 0
                || index >= cached.items().size()) {
            return CompletableFuture.completedFuture(hint);
        }
        try {
            return CompletableFuture.completedFuture(view.convert().resolved(hint, cached.items().get(index)));
        } catch (RuntimeException e) {
            server.log.warn("inlayHint/resolve of a cell failed: " + e);
            return CompletableFuture.completedFuture(hint);
        }
    }

    CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return run("textDocument/codeAction", params.getTextDocument(), List.of(),
                (view, analysis, generation, cancel) -> {
                    List<CodeActionItem> items = new ArrayList<>();
                    for (CodeActionItem item : CodeActionAnswer.items(server, params, view.convert(), analysis,
                            cancel)) {
                        items.add(view.labels().action(item));
                    }
                    view.notebook().lastActions.put(view.cell().uri(), new OpenDocument.Cached<>(generation, items));
                    return CodeActionAnswer.toLsp(items, view.convert(), server.clientSupport(), generation);
                });
    }

    CompletableFuture<CodeAction> resolveCodeAction(CodeAction action, String cellUri, long generation, int index) {
        Notebook notebook = notebooks.ofCell(cellUri);
        OpenDocument.Cached<CodeActionItem> cached = notebook == null ? null : notebook.lastActions.get(cellUri);
        CellView view = notebook == null ? null : view(notebook, generation, cellUri);
        if (cached == null || view == null || cached.generation() != generation || index < 0
                || index >= cached.items().size()
                || notebook.document.snapshot().generation() != generation) {
            return CompletableFuture.failedFuture(Requests.contentModified("codeAction/resolve"));
        }
        try {
            action.setEdit(view.convert().workspaceEdit(cached.items().get(index).edits()));
            action.setData(null);
            return CompletableFuture.completedFuture(action);
        } catch (RuntimeException e) {
            server.log.warn("codeAction/resolve of a cell failed: " + e);
            return CompletableFuture.completedFuture(action);
        }
    }

    /** A pull for a cell: empty, because a notebook's diagnostics are pushed (a pulled copy would show twice). */
    CompletableFuture<DocumentDiagnosticReport> diagnostic() {
        return CompletableFuture.completedFuture(new DocumentDiagnosticReport(
                new RelatedFullDocumentDiagnosticReport(List.of())));
    }

    /**
     * After an analysis of a notebook's module: its diagnostics go to the cells, and the client is asked for fresh
     * hints, since an edit in one cell changes the hints of others (an alias made in cell 2 shows in cell 3).
     */
    void analyzed(Notebook notebook, AnalysisSummary summary) {
        publish(notebook, summary, false);
        LanguageClient r = server.client();
        if (r != null && server.serving() && server.clientSupport().inlayHintRefresh()) {
            r.refreshInlayHints();
        }
    }

    /** Publishes a notebook's diagnostics per cell, every code cell (an empty list clears one that has none now). */
    void publish(Notebook notebook, AnalysisSummary summary, boolean force) {
        LanguageClient r = server.client();
        OpenDocument document = notebook.document;
        Notebook.Text text = notebook.text(summary.generation());
        if (r == null || !server.serving() || text == null || document.snapshot().generation() != summary.generation()) {
            return;
        }
        long settingsGen = server.settingsGeneration();
        NotebookModule module = text.module();
        NotebookLabels labels = new NotebookLabels(module, notebook.uri);
        Map<String, List<Finding>> byCell = new LinkedHashMap<>();
        for (NotebookModule.Cell cell : module.cells()) {
            byCell.put(cell.uri(), new ArrayList<>());
        }
        for (Finding f : server.features.diagnostics(summary.unfilteredDiagnostics(), server.settings())) {
            NotebookModule.Cell cell = module.cellAt(f.range().start());
            if (cell != null) {
                byCell.get(cell.uri()).add(labels.finding(f));
            }
        }
        synchronized (document) {
            if (!document.claimPublication(summary.generation(), settingsGen, force)) {
                return;
            }
            Set<String> stale = new HashSet<>(notebook.published);
            for (NotebookModule.Cell cell : module.cells()) {
                Convert convert = view(notebook, text, cell).convert();
                List<Diagnostic> diagnostics = new ArrayList<>();
                for (Finding f : byCell.get(cell.uri())) {
                    diagnostics.add(convert.diagnostic(f));
                }
                PublishDiagnosticsParams params = new PublishDiagnosticsParams(cell.uri(), diagnostics);
                if (server.clientSupport().diagnosticVersion()) {
                    params.setVersion(text.version(cell.uri()));
                }
                r.publishDiagnostics(params);
                notebook.published.add(cell.uri());
                stale.remove(cell.uri());
            }
            // cells that left the module (deleted, or now markdown) keep no diagnostics
            for (String cell : stale) {
                r.publishDiagnostics(new PublishDiagnosticsParams(cell, List.of()));
                notebook.published.remove(cell);
            }
        }
    }

    /** Empties the diagnostics of every cell they were published for (the notebook closed). */
    void clearDiagnostics(Notebook notebook) {
        LanguageClient r = server.client();
        for (String cell : notebook.published) {
            if (r != null && server.serving()) {
                r.publishDiagnostics(new PublishDiagnosticsParams(cell, List.of()));
            }
        }
        notebook.published.clear();
    }

    private <T> CompletableFuture<T> run(String method, TextDocumentIdentifier id, T empty, Body<T> body) {
        try {
            server.checkServing(method);
            String cellUri = id == null ? null : id.getUri();
            Notebook notebook = notebooks.ofCell(cellUri);
            return server.requests.run(method, notebook == null ? null : notebook.document, empty,
                    (document, analysis, generation, cancel) -> {
                        CellView view = view(notebook, generation, cellUri);
                        // the cell left the module (deleted, or made markdown) after the request was made
                        return view == null ? empty : body.compute(view, analysis, generation, cancel);
                    });
        } catch (ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            server.log.warn(method + " of a cell failed: " + e);
            return CompletableFuture.completedFuture(empty);
        }
    }

    private CellView view(Notebook notebook, long generation, String cellUri) {
        Notebook.Text text = notebook.text(generation);
        NotebookModule.Cell cell = text == null ? null : text.module().cell(cellUri);
        return cell == null ? null : view(notebook, text, cell);
    }

    private CellView view(Notebook notebook, Notebook.Text text, NotebookModule.Cell cell) {
        ClientSupport client = server.clientSupport();
        NotebookModule module = text.module();
        Positions positions = positions(module, cell, client);
        Convert.Places places = new Convert.Places() {
            @Override
            public String sourceUri() {
                return notebook.uri;
            }

            @Override
            public Location location(Span span) {
                NotebookModule.Cell in = module.cellAt(span.start());
                return new Location(in.uri(), positions(module, in, client).range(span));
            }

            @Override
            public int version(String uri) {
                return text.version(uri);
            }
        };
        Convert convert = new Convert(cell.uri(), text.version(cell.uri()), positions, client,
                other -> {
                    OpenDocument o = server.documents.get(other);
                    AnalysisSummary s = o == null ? null : o.currentSummary();
                    return s == null ? null : new Positions(s.lines(), client.encoding());
                }, places);
        return new CellView(notebook, text, cell, convert, new NotebookLabels(module, notebook.uri));
    }

    private static Positions positions(NotebookModule module, NotebookModule.Cell cell, ClientSupport client) {
        return new Positions(module.lines(), client.encoding(), cell.firstLine(), cell.span());
    }
}
