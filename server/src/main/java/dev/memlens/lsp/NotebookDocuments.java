package dev.memlens.lsp;

import org.eclipse.lsp4j.DidChangeNotebookDocumentParams;
import org.eclipse.lsp4j.DidCloseNotebookDocumentParams;
import org.eclipse.lsp4j.DidOpenNotebookDocumentParams;
import org.eclipse.lsp4j.DidSaveNotebookDocumentParams;
import org.eclipse.lsp4j.NotebookDocument;
import org.eclipse.lsp4j.NotebookDocumentSyncRegistrationOptions;
import org.eclipse.lsp4j.NotebookSelector;
import org.eclipse.lsp4j.NotebookSelectorCell;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.services.NotebookDocumentService;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code notebookDocument/*} (LSP 3.17 notebook sync): keeps each open notebook's cells exact and its module in the
 * server's documents under the notebook's URI, so the module is scheduled and analyzed like any file. Requests about
 * a cell ({@code textDocument/hover} with the cell's URI...) are answered by {@link NotebookCells}.
 */
final class NotebookDocuments implements NotebookDocumentService {

    private final MemLensServer server;
    private final ConcurrentMap<String, Notebook> notebooks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Notebook> byCell = new ConcurrentHashMap<>();
    final NotebookCells cells;

    NotebookDocuments(MemLensServer server) {
        this.server = server;
        this.cells = new NotebookCells(server, this);
    }

    /** Every notebook type, its Python cells: Jupyter notebooks, VS Code's interactive window, others alike. */
    static NotebookDocumentSyncRegistrationOptions syncOptions() {
        NotebookSelector selector = new NotebookSelector();
        selector.setNotebook("*");
        selector.setCells(List.of(new NotebookSelectorCell("python")));
        return new NotebookDocumentSyncRegistrationOptions(List.of(selector), false);
    }

    /** The open notebook a cell belongs to, or null. */
    Notebook ofCell(String cellUri) {
        return cellUri == null ? null : byCell.get(cellUri);
    }

    boolean hasCell(TextDocumentIdentifier id) {
        return id != null && ofCell(id.getUri()) != null;
    }

    /** The notebook whose module a server document is, or null for a plain file. */
    Notebook of(OpenDocument document) {
        Notebook n = notebooks.get(document.uri);
        return n != null && n.document == document ? n : null;
    }

    @Override
    public void didOpen(DidOpenNotebookDocumentParams params) {
        if (!server.serving()) {
            return;
        }
        NotebookDocument nb = params == null ? null : params.getNotebookDocument();
        if (nb == null || nb.getUri() == null) {
            server.log.warn("notebookDocument/didOpen without a notebook or uri; ignored");
            return;
        }
        Notebook notebook = new Notebook(nb.getUri(), nb.getVersion(), nb.getCells(), params.getCellTextDocuments(),
                server.scheduler::startNow);
        Notebook replaced = notebooks.put(nb.getUri(), notebook);
        if (replaced != null) {
            forget(replaced);
            server.log.warn("notebookDocument/didOpen of " + nb.getUri() + ", which was open already: replaced");
        }
        OpenDocument other = server.documents.open(notebook.document);
        if (other != null && other != (replaced == null ? null : replaced.document)) {
            other.close();
            server.recent.forget(other);
        }
        index(notebook);
        server.log.debug("opened notebook " + nb.getUri() + " v" + nb.getVersion() + " ("
                + notebook.cellUris().size() + " cells)");
        // the first analysis is not debounced: the user is waiting for it
        server.scheduler.schedule(notebook.document, notebook.document.snapshot(), 0);
    }

    @Override
    public void didChange(DidChangeNotebookDocumentParams params) {
        if (!server.serving()) {
            return;
        }
        String uri = params == null || params.getNotebookDocument() == null ? null
                : params.getNotebookDocument().getUri();
        Notebook notebook = uri == null ? null : notebooks.get(uri);
        if (notebook == null) {
            server.log.warn("notebookDocument/didChange of " + uri + ", which is not open; ignored");
            return;
        }
        List<String> before = notebook.cellUris();
        Notebook.Text text = notebook.apply(params.getChange(), server.clientSupport().encoding(),
                problem -> server.log.warn("notebookDocument/didChange " + uri + ": " + problem));
        for (String gone : before) {
            byCell.remove(gone, notebook);
        }
        index(notebook);
        int version = params.getNotebookDocument().getVersion();
        OpenDocument.Snapshot after = notebook.document.update(text.module().text(), version);
        notebook.remember(after.generation(), text);
        server.scheduler.schedule(notebook.document, after, server.settings().debounceMs());
    }

    @Override
    public void didSave(DidSaveNotebookDocumentParams params) {
        // the cells' texts are already current; nothing on disk matters
    }

    @Override
    public void didClose(DidCloseNotebookDocumentParams params) {
        String uri = params == null || params.getNotebookDocument() == null ? null
                : params.getNotebookDocument().getUri();
        Notebook notebook = uri == null ? null : notebooks.remove(uri);
        if (notebook == null) {
            return;
        }
        if (server.documents.get(uri) == notebook.document) {
            server.documents.remove(uri);
        }
        forget(notebook);
    }

    /** Publishes every notebook's diagnostics again from its summary (the rule settings changed). */
    void republish() {
        for (Notebook notebook : notebooks.values()) {
            AnalysisSummary summary = notebook.document.currentSummary();
            if (summary != null) {
                cells.publish(notebook, summary, true);
            }
        }
    }

    private void index(Notebook notebook) {
        for (String cell : notebook.cellUris()) {
            byCell.put(cell, notebook);
        }
    }

    private void forget(Notebook notebook) {
        for (String cell : notebook.cellUris()) {
            byCell.remove(cell, notebook);
        }
        notebook.document.close();
        server.recent.forget(notebook.document);
        cells.clearDiagnostics(notebook);
    }
}
