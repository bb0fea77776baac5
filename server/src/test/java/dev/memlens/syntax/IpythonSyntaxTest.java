package dev.memlens.syntax;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IPython lines become Python of the same length; Python that only looks like them is kept. */
class IpythonSyntaxTest {

    private static String py(String cell) {
        String out = IpythonSyntax.toPython(cell);
        assertEquals(cell.length(), out.length(), "offsets must not move: " + out);
        return out;
    }

    /** What a magic of this length becomes. */
    private static String filler(String magic) {
        return "..." + " ".repeat(magic.length() - 3);
    }

    private static void parses(String text) {
        ParseResult r = SourceParser.parse(new SourceText("cell.py", text));
        assertTrue(r.errors().isEmpty(), "should parse: " + text + " -> " + r.errors());
    }

    @Test
    void lineMagicsShellEscapesAndHelpBecomeEllipsis() {
        String out = py("%matplotlib inline\nx = [1]\n!pip install numpy\n?len\nlen??\n");
        assertEquals(filler("%matplotlib inline") + "\nx = [1]\n" + filler("!pip install numpy") + "\n... \n...  \n", out);
        parses(out);
    }

    @Test
    void assignedMagicsKeepTheNames() {
        String out = py("files = !ls -la\na, b = %sx echo hi\n");
        assertEquals("files = ...    \na, b = ...        \n", out);
        parses(out);
    }

    @Test
    void aShortMagicInABlockLeavesTheBlockABody() {
        String out = py("for i in range(3):\n    !a\n");
        assertEquals("for i in range(3):\n    0 \n", out);
        parses(out);
    }

    @Test
    void moduloAndComparisonsAreKept() {
        String cell = "x = (10\n     % 3)\ny = 7 \\\n    % 2\nz = x != y\nw = x\nw %= 2\ns = '''\n%not a magic\n'''\n";
        assertEquals(cell, py(cell));
        parses(cell);
    }

    @Test
    void aCellMagicWithAPythonBodyKeepsTheBody() {
        String out = py("%%time\nx = [1]\n%ls\n");
        assertEquals("...   \nx = [1]\n...\n", out);
        parses(out);
    }

    @Test
    void aCellMagicInAnotherLanguageIsBlankedWhole() {
        String out = py("%%bash\necho $HOME | (cat\n");
        assertEquals("...   \n" + " ".repeat("echo $HOME | (cat".length()) + "\n", out);
        parses(out);
    }

    @Test
    void plainPythonAndEmptyCellsAreUnchanged() {
        assertEquals("", py(""));
        String cell = "def f(a):\n    return a % 2  # %magic in a comment\nprint('?')\n";
        assertEquals(cell, py(cell));
    }
}
