package dev.memlens.features;

import dev.memlens.syntax.ast.Span;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Names bound in another cell say which; names of the same cell and other files do not. */
class NotebookLabelsTest {

    private static final NotebookModule MODULE = NotebookModule.of(List.of(
            new NotebookModule.Source("cell:1", 1, "df = [1]\n"),
            new NotebookModule.Source("cell:2", 2, "df2 = df\nx = df2\n")));
    private static final NotebookLabels LABELS = new NotebookLabels(MODULE, "file:///nb.ipynb");

    private static InlayHintItem hint(int offset, SourceLocation target) {
        return new InlayHintItem(offset, List.of(new LabelPart("≡ ", "made on line 1", null),
                new LabelPart("df", "tip", target)), HintCategory.ALIAS, true, false);
    }

    @Test
    void aNameFromAnotherCellNamesItsCell() {
        int inCell2 = MODULE.cell("cell:2").start() + 8;
        InlayHintItem out = LABELS.hint(hint(inCell2, SourceLocation.here(new Span(0, 2))));
        assertEquals("≡ df (cell 1)", out.labelText());
        assertEquals("made on cell 1, line 1", out.label().get(0).tooltip());
        assertEquals(new Span(0, 2), out.label().get(2).target().span());
        InlayHintItem viaUri = LABELS.hint(hint(inCell2, new SourceLocation("file:///nb.ipynb", new Span(0, 2))));
        assertEquals("≡ df (cell 1)", viaUri.labelText());
    }

    @Test
    void aNameFromTheSameCellOrAnotherFileDoesNot() {
        int start2 = MODULE.cell("cell:2").start();
        assertEquals("≡ df", LABELS.hint(hint(start2 + 16, SourceLocation.here(new Span(start2, start2 + 3))))
                .labelText());
        assertEquals("≡ df", LABELS.hint(hint(start2 + 16, new SourceLocation("file:///other.py", new Span(0, 2))))
                .labelText());
        assertEquals("≡ df", LABELS.hint(hint(start2 + 16, null)).labelText());
    }

    @Test
    void messagesAndHoversTellCellLines() {
        Finding f = new Finding(new Span(0, 1), Severity.WARNING, "MEM101", "created at line 4", Finding.SOURCE,
                List.of(new RelatedLocation(SourceLocation.here(new Span(0, 1)), "copied on line 1")), Map.of());
        Finding out = LABELS.finding(f);
        assertEquals("created at cell 2, line 2", out.message());
        assertEquals("copied on cell 1, line 1", out.related().get(0).message());
        assertEquals("**x** (cell 2, line 1)", LABELS.hover(new HoverItem("**x** (line 3)", new Span(0, 1)))
                .markdown());
    }
}
