package dev.memlens.features;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Span;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The cells of a notebook as one module, and offsets, lines and labels mapped between a cell and the module. */
class NotebookModuleTest {

    private static final String C1 = "import copy\ndf = {'a': [1]}";
    private static final String C2 = "%time\ndf2 = df\n";
    private static final String C3 = "df2['b'] = 2\n";

    private static NotebookModule module() {
        return NotebookModule.of(List.of(new NotebookModule.Source("cell:1", 1, C1),
                new NotebookModule.Source("cell:2", 2, C2), new NotebookModule.Source("cell:3", 3, C3)));
    }

    @Test
    void cellsFollowEachOtherOnTheirOwnLines() {
        NotebookModule m = module();
        assertEquals("import copy\ndf = {'a': [1]}\n...  \ndf2 = df\n\ndf2['b'] = 2\n\n", m.text());
        assertEquals(List.of(0, 2, 5), m.cells().stream().map(NotebookModule.Cell::firstLine).toList());
        NotebookModule.Cell c2 = m.cell("cell:2");
        assertEquals(C1.length() + 1, c2.start());
        assertEquals(c2.start() + C2.length(), c2.end());
        assertEquals("%time\ndf2 = df\n".length(), c2.end() - c2.start());
        assertNull(m.cell("cell:9"));
    }

    @Test
    void offsetsMapBothWaysAndClampToTheCell() {
        NotebookModule m = module();
        NotebookModule.Cell c2 = m.cell("cell:2");
        int df2 = C2.indexOf("df2");
        int moduleOffset = c2.moduleOffset(df2);
        assertEquals("df2 = df", m.text().substring(moduleOffset, moduleOffset + 8));
        assertEquals(df2, c2.cellOffset(moduleOffset));
        assertEquals(c2.end(), c2.moduleOffset(10_000));
        assertEquals(c2.start(), c2.moduleOffset(-5));
        assertEquals(0, c2.cellOffset(0));
        // the same column on the cell's line and on the module's line
        LineMap cellLines = new LineMap(C2);
        assertEquals(cellLines.position(df2 + 4).column(), m.lines().position(moduleOffset + 4).column());
        assertEquals(cellLines.position(df2).line() + c2.firstLine(), m.lines().position(moduleOffset).line());
    }

    @Test
    void everyModuleOffsetBelongsToOneCell() {
        NotebookModule m = module();
        for (int offset = 0; offset <= m.text().length(); offset++) {
            NotebookModule.Cell c = m.cellAt(offset);
            String expected = offset < m.cell("cell:2").start() ? "cell:1"
                    : offset < m.cell("cell:3").start() ? "cell:2" : "cell:3";
            assertEquals(expected, c.uri(), "offset " + offset);
        }
        // the line break added after cell 1 (which has none) is its end, not cell 2's start
        assertSame(m.cell("cell:1"), m.cellAt(C1.length()));
        assertNull(NotebookModule.of(List.of()).cellAt(0));
    }

    @Test
    void aCellsLastEmptyLineIsItsOwn() {
        NotebookModule m = NotebookModule.of(List.of(new NotebookModule.Source("a", 1, "x = 1\n"),
                new NotebookModule.Source("b", 2, "y = 2\n")));
        assertEquals("x = 1\n\ny = 2\n\n", m.text());
        NotebookModule.Cell a = m.cell("a");
        // line 2 of cell a (empty, after its line break) ends where the module's line 1 starts, before cell b
        assertEquals(6, a.end());
        assertEquals(1, m.lines().line(a.end()));
        assertEquals(2, m.cell("b").firstLine());
        assertEquals("a", m.cellAt(a.end()).uri());
    }

    @Test
    void emptyCellsTakeOneLine() {
        NotebookModule m = NotebookModule.of(List.of(new NotebookModule.Source("a", 1, ""),
                new NotebookModule.Source("b", 2, "x = 1")));
        assertEquals("\nx = 1\n", m.text());
        assertEquals(1, m.cell("b").firstLine());
        assertEquals(new Span(0, 0), m.cell("a").span());
    }

    @Test
    void lineNumbersInMessagesBecomeCellAndLine() {
        NotebookModule m = module();
        assertEquals("list, created on cell 1, line 2; bound at cell 2, line 2 (cell 3, line 1)",
                m.relabelLines("list, created on line 2; bound at line 4 (line 6)"));
        // the empty line after a cell that ends with a line break is that cell's last line
        assertEquals("cell 2, line 3", m.relabelLines("line 5"));
        assertEquals("Cell 2, line 1 and line 99 and inline 3", m.relabelLines("Line 3 and line 99 and inline 3"));
        assertEquals("no lines here", m.relabelLines("no lines here"));
    }
}
