package dev.memlens.lsp;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeNotebookDocumentParams;
import org.eclipse.lsp4j.DidCloseNotebookDocumentParams;
import org.eclipse.lsp4j.DidOpenNotebookDocumentParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintLabelPart;

import org.eclipse.lsp4j.NotebookCell;
import org.eclipse.lsp4j.NotebookCellArrayChange;
import org.eclipse.lsp4j.NotebookCellKind;
import org.eclipse.lsp4j.NotebookDocument;
import org.eclipse.lsp4j.NotebookDocumentChangeEvent;
import org.eclipse.lsp4j.NotebookDocumentChangeEventCellStructure;
import org.eclipse.lsp4j.NotebookDocumentChangeEventCellTextContent;
import org.eclipse.lsp4j.NotebookDocumentChangeEventCells;
import org.eclipse.lsp4j.NotebookDocumentIdentifier;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedNotebookDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Jupyter notebook through LSP 3.17 notebook sync, with the client initialized as VS Code does: three Python cells
 * (and a markdown cell between them) analyzed as one module. Hints, hovers, diagnostics and quick fixes come back in
 * the cells' own positions, and aliasing across cells says which cell the other name is from.
 */
class NotebookTest {

    static final String NOTEBOOK = "file:///tmp/ws/analysis.ipynb";
    static final String CELL1 = "vscode-notebook-cell:/tmp/ws/analysis.ipynb#W0sZmlsZQ";
    static final String NOTES = "vscode-notebook-cell:/tmp/ws/analysis.ipynb#W1sZmlsZQ";
    static final String CELL2 = "vscode-notebook-cell:/tmp/ws/analysis.ipynb#W2sZmlsZQ";
    static final String CELL3 = "vscode-notebook-cell:/tmp/ws/analysis.ipynb#W3sZmlsZQ";

    static final String TEXT1 = "import copy\ndf = {\"a\": [1, 2]}\n";
    static final String TEXT2 = "%matplotlib inline\ndf2 = df\n";
    static final String TEXT3 = "df2[\"b\"] = [3]\ns = copy.copy(df)\ns[\"a\"].append(4)\n";

    /** The server under test: in-process here; the built jar over stdio in {@link NotebookIT}. */
    LspSession newSession() {
        return new LspSession();
    }

    private LspSession openNotebook() {
        LspSession s = newSession();
        s.initialize("vscode-initialize.json");
        NotebookDocument nb = new NotebookDocument(NOTEBOOK, "jupyter-notebook", 1, List.of(
                new NotebookCell(NotebookCellKind.Code, CELL1), new NotebookCell(NotebookCellKind.Markup, NOTES),
                new NotebookCell(NotebookCellKind.Code, CELL2), new NotebookCell(NotebookCellKind.Code, CELL3)));
        s.remote.getNotebookDocumentService().didOpen(new DidOpenNotebookDocumentParams(nb, List.of(
                new TextDocumentItem(CELL1, "python", 1, TEXT1),
                new TextDocumentItem(NOTES, "markdown", 1, "# df2 = df (not code)\n"),
                new TextDocumentItem(CELL2, "python", 1, TEXT2),
                new TextDocumentItem(CELL3, "python", 1, TEXT3))));
        return s;
    }

    private static String label(InlayHint h) {
        StringBuilder sb = new StringBuilder();
        h.getLabel().getRight().forEach(p -> sb.append(p.getValue()));
        return sb.toString();
    }

    private static List<String> hints(LspSession s, String cell) {
        return EditorFeaturesTest.described(EditorFeaturesTest.hints(s, cell));
    }

    /** The newest diagnostics pushed for a uri, waiting for the first. */
    private static List<Diagnostic> pushed(LspSession s, String uri) {
        return Await.until("diagnostics of " + uri, () -> {
            List<PublishDiagnosticsParams> all = s.client.diagnostics.stream()
                    .filter(p -> p.getUri().equals(uri)).toList();
            return all.isEmpty() ? null : all.get(all.size() - 1).getDiagnostics();
        });
    }

    @Test
    void aliasingAcrossCellsNamesTheCell() {
        try (LspSession s = openNotebook()) {
            List<InlayHint> raw = EditorFeaturesTest.hints(s, CELL2);
            InlayHint alias = raw.stream().filter(h -> label(h).startsWith("≡ df")).findFirst().orElseThrow(
                    () -> new AssertionError("no alias hint in cell 2: " + EditorFeaturesTest.described(raw)));
            assertEquals("≡ df (cell 1)", label(alias));
            // line 2 of the cell (its %matplotlib line is line 1), after `df2`
            assertEquals(new Position(1, 3), alias.getPosition());
            InlayHintLabelPart name = alias.getLabel().getRight().stream()
                    .filter(p -> p.getValue().equals("df")).findFirst().orElseThrow();
            assertNotNull(name.getLocation(), "the name links to where it was bound");
            assertEquals(CELL1, name.getLocation().getUri());
            assertEquals(1, name.getLocation().getRange().getStart().getLine());

            List<String> third = hints(s, CELL3);
            assertTrue(third.stream().anyMatch(h -> h.startsWith("1:also changes df (cell 1)")), third.toString());
            assertTrue(hints(s, CELL1).stream().noneMatch(h -> h.contains("(cell 1)")),
                    "a cell's own names are not labelled with it: " + hints(s, CELL1));
        }
    }

    @Test
    void diagnosticsGoToTheCellTheyAreIn() {
        try (LspSession s = openNotebook()) {
            List<Diagnostic> third = pushed(s, CELL3);
            Diagnostic mem101 = third.stream().filter(d -> "MEM101".equals(d.getCode().getLeft())).findFirst()
                    .orElseThrow(() -> new AssertionError("no MEM101 in cell 3: " + third));
            assertEquals(new Range(new Position(2, 0), new Position(2, 16)), mem101.getRange());
            String message = mem101.getMessage().getLeft();
            assertTrue(message.contains("created at cell 1, line 2"), message);
            assertTrue(message.contains("(cell 3, line 2)"), message);
            assertTrue(pushed(s, CELL1).isEmpty(), "cell 1 has none: " + pushed(s, CELL1));
            assertTrue(pushed(s, CELL2).isEmpty(), "cell 2 has none, its magic line parsed: " + pushed(s, CELL2));
            assertTrue(s.client.diagnostics.stream().noneMatch(p -> p.getUri().equals(NOTEBOOK)
                    || p.getUri().equals(NOTES)), "nothing for the notebook itself or the markdown cell");
            // a client that pulls for a cell gets nothing, so the pushed list does not show twice
            assertTrue(EditorFeaturesTest.pull(s, CELL3).isEmpty());
        }
    }

    @Test
    void ruleSettingsRepublishTheCells() {
        try (LspSession s = openNotebook()) {
            assertFalse(pushed(s, CELL3).isEmpty());
            s.changeSettings("{\"rules\":{\"ignore\":[\"MEM101\"]}}");
            Await.condition("cell 3 without MEM101", () -> pushed(s, CELL3).isEmpty());
        }
    }

    @Test
    void aChangedPyprojectKeepsTheCellsServed() {
        try (LspSession s = openNotebook()) {
            assertTrue(hints(s, CELL2).contains("2:≡ df (cell 1)"), hints(s, CELL2).toString());
            s.remote.getWorkspaceService().didChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesParams(
                    List.of(new org.eclipse.lsp4j.FileEvent("file:///tmp/ws/pyproject.toml",
                            org.eclipse.lsp4j.FileChangeType.Changed))));
            // the module is analyzed again as a new generation of the same text: the cells still map to it
            assertTrue(hints(s, CELL2).contains("2:≡ df (cell 1)"), hints(s, CELL2).toString());
        }
    }

    @Test
    void hoversInACellTellCellsAndLines() {
        try (LspSession s = openNotebook()) {
            String hover = EditorFeaturesTest.hover(s, CELL3, 0, 1);
            assertNotNull(hover, "a hover on df2 in cell 3");
            assertTrue(hover.contains("df2"), hover);
            assertTrue(hover.contains("cell 1, line 2"), "where the dict was made, in cell terms: " + hover);
            assertFalse(hover.matches("(?s).*\\bline [4-9]\\b.*"), "no module line numbers: " + hover);
        }
    }

    @Test
    void aQuickFixEditsTheCellOfTheCopy() {
        try (LspSession s = openNotebook()) {
            Diagnostic mem101 = pushed(s, CELL3).stream().filter(d -> "MEM101".equals(d.getCode().getLeft()))
                    .findFirst().orElseThrow();
            CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(CELL3), mem101.getRange(),
                    new CodeActionContext(List.of(mem101)));
            CodeAction fix = LspSession.get(s.remote.getTextDocumentService().codeAction(params)).stream()
                    .filter(e -> e.isRight() && e.getRight().getTitle().contains("deepcopy"))
                    .map(e -> e.getRight()).findFirst()
                    .orElseThrow(() -> new AssertionError("no deepcopy fix"));
            if (fix.getEdit() == null) {
                fix = LspSession.get(s.remote.getTextDocumentService().resolveCodeAction(fix));
            }
            TextDocumentEdit edit = fix.getEdit().getDocumentChanges().get(0).getLeft();
            assertEquals(CELL3, edit.getTextDocument().getUri());
            assertEquals(1, edit.getTextDocument().getVersion());
            assertEquals(1, edit.getEdits().get(0).getLeft().getRange().getStart().getLine(),
                    "line 2 of cell 3: s = copy.copy(df)");
            assertTrue(edit.getEdits().get(0).getLeft().getNewText().contains("deepcopy"));
        }
    }

    @Test
    void editsAndDeletedCellsChangeTheOtherCells() {
        try (LspSession s = openNotebook()) {
            assertTrue(hints(s, CELL3).stream().anyMatch(h -> h.contains("df (cell 1)")));
            // cell 2 makes a copy now: cell 3's mutation reaches only df2
            NotebookDocumentChangeEventCells text = new NotebookDocumentChangeEventCells();
            text.setTextContent(List.of(new NotebookDocumentChangeEventCellTextContent(
                    new VersionedTextDocumentIdentifier(CELL2, 2),
                    List.of(LspSession.edit(1, 6, 1, 8, "dict(df)")))));
            change(s, 2, text);
            Await.condition("cell 3 without the alias", () -> hints(s, CELL3).stream()
                    .noneMatch(h -> h.startsWith("1:also changes df ")));
            assertTrue(hints(s, CELL2).stream().noneMatch(h -> h.contains("≡")), hints(s, CELL2).toString());

            // cell 2 deleted (its document closed): cell 3 is the second code cell now
            NotebookDocumentChangeEventCellStructure structure = new NotebookDocumentChangeEventCellStructure(
                    new NotebookCellArrayChange(2, 1, List.of()));
            structure.setDidClose(List.of(new TextDocumentIdentifier(CELL2)));
            NotebookDocumentChangeEventCells cells = new NotebookDocumentChangeEventCells();
            cells.setStructure(structure);
            change(s, 3, cells);
            Await.condition("cell 2's diagnostics cleared", () -> {
                List<PublishDiagnosticsParams> all = s.client.diagnostics.stream()
                        .filter(p -> p.getUri().equals(CELL2)).toList();
                return !all.isEmpty() && all.get(all.size() - 1).getDiagnostics().isEmpty();
            });
            List<Diagnostic> third = Await.until("MEM101 in cell 3 with the new numbering", () -> {
                List<Diagnostic> d = pushed(s, CELL3);
                return d.stream().anyMatch(x -> x.getMessage().getLeft().contains("(cell 2, line 2)")) ? d : null;
            });
            assertEquals(2, third.get(0).getRange().getStart().getLine());
            assertTrue(EditorFeaturesTest.hints(s, CELL2).isEmpty(), "a deleted cell has no hints");

            s.remote.getNotebookDocumentService().didClose(new DidCloseNotebookDocumentParams(
                    new NotebookDocumentIdentifier(NOTEBOOK), List.of()));
            Await.condition("cell 3's diagnostics cleared on close", () -> pushed(s, CELL3).isEmpty());
            assertTrue(EditorFeaturesTest.hints(s, CELL3).isEmpty(), "a closed notebook's cells are not served");
        }
    }

    @Test
    void anAddedCellSeesTheNamesOfTheCellsAbove() {
        String cell4 = "vscode-notebook-cell:/tmp/ws/analysis.ipynb#W4sZmlsZQ";
        try (LspSession s = openNotebook()) {
            NotebookDocumentChangeEventCellStructure structure = new NotebookDocumentChangeEventCellStructure(
                    new NotebookCellArrayChange(4, 0, List.of(new NotebookCell(NotebookCellKind.Code, cell4))));
            structure.setDidOpen(List.of(new TextDocumentItem(cell4, "python", 1, "df3 = df2\ndf3.clear()\n")));
            NotebookDocumentChangeEventCells cells = new NotebookDocumentChangeEventCells();
            cells.setStructure(structure);
            change(s, 2, cells);
            List<String> fourth = hints(s, cell4);
            assertTrue(fourth.contains("1:≡ df (cell 1), df2 (cell 2)"), fourth.toString());
            assertTrue(fourth.stream().anyMatch(h -> h.startsWith("2:also changes df (cell 1), df2 (cell 2)")),
                    fourth.toString());
        }
    }

    @Test
    void badNotebookMessagesAreSkippedAndTheCellsStayServed() {
        try (LspSession s = openNotebook()) {
            // a change outside the cells, a text change of a cell that is not there, an empty event
            NotebookDocumentChangeEventCells bad = new NotebookDocumentChangeEventCells();
            bad.setStructure(new NotebookDocumentChangeEventCellStructure(new NotebookCellArrayChange(99, 5,
                    List.of())));
            bad.setTextContent(List.of(new NotebookDocumentChangeEventCellTextContent(
                    new VersionedTextDocumentIdentifier("vscode-notebook-cell:/nowhere#X", 2),
                    List.of(LspSession.edit(0, 0, 0, 0, "x")))));
            change(s, 2, bad);
            s.remote.getNotebookDocumentService().didChange(new DidChangeNotebookDocumentParams(
                    new VersionedNotebookDocumentIdentifier(4, "file:///not/open.ipynb"), new NotebookDocumentChangeEvent()));
            // a cell without its text, and positions far outside a cell
            NotebookDocument other = new NotebookDocument("file:///tmp/ws/other.ipynb", "jupyter-notebook", 1,
                    List.of(new NotebookCell(NotebookCellKind.Code, "vscode-notebook-cell:/tmp/ws/other.ipynb#A")));
            s.remote.getNotebookDocumentService().didOpen(new DidOpenNotebookDocumentParams(other, List.of()));
            assertTrue(EditorFeaturesTest.hints(s, "vscode-notebook-cell:/tmp/ws/other.ipynb#A").isEmpty());
            assertEquals(null, EditorFeaturesTest.hover(s, CELL2, 500, 500), "past the end of the cell: nothing");
            assertEquals(null, EditorFeaturesTest.hover(s, CELL2, -3, 0), "before the cell: nothing");

            assertTrue(hints(s, CELL2).contains("2:≡ df (cell 1)"), "still served: " + hints(s, CELL2));
            assertFalse(s.stderr().contains("Exception"), s.stderr());
        }
    }

    private static void change(LspSession s, int version, NotebookDocumentChangeEventCells cells) {
        NotebookDocumentChangeEvent event = new NotebookDocumentChangeEvent();
        event.setCells(cells);
        s.remote.getNotebookDocumentService().didChange(new DidChangeNotebookDocumentParams(
                new VersionedNotebookDocumentIdentifier(version, NOTEBOOK), event));
    }

}
