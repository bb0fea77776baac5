package dev.memlens.lsp;

import dev.memlens.features.CodeActionItem;
import dev.memlens.features.InlayHintItem;
import dev.memlens.features.NotebookModule;
import dev.memlens.syntax.LineMap;
import org.eclipse.lsp4j.NotebookCell;
import org.eclipse.lsp4j.NotebookCellArrayChange;
import org.eclipse.lsp4j.NotebookCellKind;
import org.eclipse.lsp4j.NotebookDocumentChangeEvent;
import org.eclipse.lsp4j.NotebookDocumentChangeEventCellStructure;
import org.eclipse.lsp4j.NotebookDocumentChangeEventCellTextContent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One notebook the client has open: its cells in order with their texts and versions, and the {@link OpenDocument}
 * that holds the module of its code cells ({@link NotebookModule}) under the notebook's URI. That document is
 * scheduled, analyzed, dropped and re-analyzed like any other; this class adds what a cell needs on top: which module
 * a generation of the document was built from, so a request about a cell maps its positions with exactly the
 * module its analysis saw.
 *
 * <p>Changes arrive on the protocol thread only; requests read {@link #text(long)} from worker threads.
 */
final class Notebook {

    /** One cell as the client last sent it; {@code code} is false for markup cells and cells in other languages. */
    private record CellText(String uri, boolean code, String languageId, String text, int version) {
        CellText withKind(NotebookCellKind kind) {
            return new CellText(uri, isCode(kind, languageId), languageId, text, version);
        }
    }

    /** One text of the notebook's module and the versions of the cells it was built from. */
    record Text(NotebookModule module, Map<String, Integer> versions) {
        int version(String cellUri) {
            return versions.getOrDefault(cellUri, 0);
        }
    }

    /** Generations kept for requests still under way about older texts; an older one answers as changed. */
    private static final int KEPT_TEXTS = 16;

    final String uri;
    final OpenDocument document;
    private final List<String> order = new ArrayList<>();
    private final Map<String, CellText> cells = new HashMap<>();
    private final Map<Long, Text> texts = new LinkedHashMap<>(KEPT_TEXTS * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Text> eldest) {
            return size() > KEPT_TEXTS;
        }
    };
    private Text latest;
    /** Per cell: the last hint and code-action answers, so that resolving finds the item again. */
    final Map<String, OpenDocument.Cached<InlayHintItem>> lastHints = new ConcurrentHashMap<>();
    final Map<String, OpenDocument.Cached<CodeActionItem>> lastActions = new ConcurrentHashMap<>();
    /** The cells diagnostics were published for, so that a cell that left the module gets its list cleared. */
    final java.util.Set<String> published = ConcurrentHashMap.newKeySet();

    Notebook(String uri, int version, List<NotebookCell> cellList, List<TextDocumentItem> documents,
             OpenDocument.Starter reanalysis) {
        this.uri = uri;
        Map<String, TextDocumentItem> byUri = new HashMap<>();
        for (TextDocumentItem item : documents == null ? List.<TextDocumentItem>of() : documents) {
            if (item != null && item.getUri() != null) {
                byUri.put(item.getUri(), item);
            }
        }
        for (NotebookCell cell : cellList == null ? List.<NotebookCell>of() : cellList) {
            if (cell == null || cell.getDocument() == null || cells.containsKey(cell.getDocument())) {
                continue;
            }
            TextDocumentItem item = byUri.get(cell.getDocument());
            String languageId = item == null ? null : item.getLanguageId();
            cells.put(cell.getDocument(), new CellText(cell.getDocument(), isCode(cell.getKind(), languageId),
                    languageId, item == null || item.getText() == null ? "" : item.getText(),
                    item == null ? 0 : item.getVersion()));
            order.add(cell.getDocument());
        }
        Text text = build();
        this.document = new OpenDocument(uri, "python", text.module().text(), version, reanalysis);
        remember(document.snapshot().generation(), text);
    }

    private static boolean isCode(NotebookCellKind kind, String languageId) {
        return kind != NotebookCellKind.Markup
                && (languageId == null || languageId.isEmpty() || languageId.equals("python"));
    }

    /** The module and cell versions of a generation of {@link #document}, or null when no longer kept. */
    Text text(long generation) {
        synchronized (texts) {
            Text text = texts.get(generation);
            if (text == null && latest != null) {
                // the same text as a new generation (a pyproject.toml changed: OpenDocument.renew)
                OpenDocument.Snapshot now = document.snapshot();
                if (now.generation() == generation && now.text().equals(latest.module().text())) {
                    texts.put(generation, latest);
                    return latest;
                }
            }
            return text;
        }
    }

    void remember(long generation, Text text) {
        synchronized (texts) {
            texts.put(generation, text);
            latest = text;
        }
    }

    /** Every cell the notebook has, code or not, in order. */
    List<String> cellUris() {
        return List.copyOf(order);
    }

    /**
     * Applies one {@code notebookDocument/didChange} event: cells added, removed or moved, their kinds, their texts.
     * What cannot be understood is reported and skipped; the cells stay as they were.
     *
     * @return the notebook's new module and cell versions
     */
    Text apply(NotebookDocumentChangeEvent change, LineMap.Encoding encoding, Consumer<String> problems) {
        if (change != null && change.getCells() != null) {
            var changed = change.getCells();
            if (changed.getStructure() != null) {
                applyStructure(changed.getStructure(), problems);
            }
            if (changed.getData() != null) {
                for (NotebookCell cell : changed.getData()) {
                    CellText known = cell == null ? null : cells.get(cell.getDocument());
                    if (known != null && cell.getKind() != null) {
                        cells.put(known.uri(), known.withKind(cell.getKind()));
                    }
                }
            }
            if (changed.getTextContent() != null) {
                for (NotebookDocumentChangeEventCellTextContent content : changed.getTextContent()) {
                    applyText(content, encoding, problems);
                }
            }
        }
        return build();
    }

    private void applyStructure(NotebookDocumentChangeEventCellStructure structure, Consumer<String> problems) {
        if (structure.getDidOpen() != null) {
            for (TextDocumentItem item : structure.getDidOpen()) {
                if (item == null || item.getUri() == null) {
                    continue;
                }
                // a code cell until the array change below says which kind it is
                cells.put(item.getUri(), new CellText(item.getUri(), isCode(NotebookCellKind.Code,
                        item.getLanguageId()), item.getLanguageId(), item.getText() == null ? "" : item.getText(),
                        item.getVersion()));
            }
        }
        NotebookCellArrayChange array = structure.getArray();
        if (array != null) {
            int start = Math.max(0, Math.min(order.size(), array.getStart()));
            int delete = Math.max(0, Math.min(order.size() - start, array.getDeleteCount()));
            if (start != array.getStart() || delete != array.getDeleteCount()) {
                problems.accept("cell change [" + array.getStart() + ", +" + array.getDeleteCount()
                        + "] outside the " + order.size() + " cells; clamped");
            }
            order.subList(start, start + delete).clear();
            List<String> inserted = new ArrayList<>();
            for (NotebookCell cell : array.getCells() == null ? List.<NotebookCell>of() : array.getCells()) {
                if (cell == null || cell.getDocument() == null || order.contains(cell.getDocument())
                        || inserted.contains(cell.getDocument())) {
                    continue;
                }
                CellText known = cells.get(cell.getDocument());
                if (known == null) {
                    problems.accept("cell " + cell.getDocument() + " added without its text; taken as empty");
                    known = new CellText(cell.getDocument(), true, null, "", 0);
                }
                cells.put(known.uri(), cell.getKind() == null ? known : known.withKind(cell.getKind()));
                inserted.add(cell.getDocument());
            }
            order.addAll(start, inserted);
        }
        if (structure.getDidClose() != null) {
            for (TextDocumentIdentifier closed : structure.getDidClose()) {
                if (closed != null && closed.getUri() != null && !order.contains(closed.getUri())) {
                    cells.remove(closed.getUri());
                }
            }
        }
        // a cell deleted without a didClose still leaves the module
        cells.keySet().retainAll(order);
    }

    private void applyText(NotebookDocumentChangeEventCellTextContent content, LineMap.Encoding encoding,
                           Consumer<String> problems) {
        String cellUri = content == null || content.getDocument() == null ? null : content.getDocument().getUri();
        CellText cell = cellUri == null ? null : cells.get(cellUri);
        if (cell == null) {
            problems.accept("text change of cell " + cellUri + ", which is not in the notebook; ignored");
            return;
        }
        String text;
        try {
            text = ContentChanges.apply(cell.text(), content.getChanges(), encoding,
                    p -> problems.accept("cell " + cellUri + ": " + p));
        } catch (RuntimeException e) {
            problems.accept("cell " + cellUri + " change could not be applied, text kept as it was: " + e);
            text = cell.text();
        }
        Integer version = content.getDocument().getVersion();
        cells.put(cellUri, new CellText(cellUri, cell.code(), cell.languageId(), text,
                version == null ? cell.version() + 1 : version));
    }

    /** The module of the code cells as they are now; cells are numbered among the code cells, from 1. */
    private Text build() {
        List<NotebookModule.Source> sources = new ArrayList<>();
        Map<String, Integer> versions = new HashMap<>();
        for (String cellUri : order) {
            CellText cell = cells.get(cellUri);
            versions.put(cellUri, cell.version());
            if (cell.code()) {
                sources.add(new NotebookModule.Source(cellUri, sources.size() + 1, cell.text()));
            }
        }
        return new Text(NotebookModule.of(sources), Map.copyOf(versions));
    }
}
