package dev.memlens.cli;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code memlens parse} on files with real syntax errors. These need the grammar: against the placeholder parser,
 * which accepts everything, they fail, and they are meant to pass as soon as the parser lands.
 */
class ParseCommandSyntaxErrorTest {

    @TempDir
    Path dir;

    @Test
    void syntaxErrorExitsOneWithALocatedLine() throws IOException {
        Path file = Cli.write(dir.resolve("bad.py"), "def f(:\n    pass\n");
        Cli.Run run = Cli.run("parse", file.toString());
        assertEquals(1, run.exit(), run::toString);
        assertFalse(run.outLines().isEmpty(), run::toString);
        for (String line : run.outLines()) {
            assertTrue(line.matches("\\Q" + file + "\\E:\\d+:\\d+: \\S.*"), line);
        }
        assertTrue(run.outLines().get(0).startsWith(file + ":1:"), run::toString);
        assertTrue(run.err().matches("1 file, 2 lines, [1-9]\\d* errors? in \\d+\\.\\d\\d s\\R"), run::toString);
    }

    @Test
    void onlyTheBrokenFileOfADirectoryIsReported() throws IOException {
        Cli.write(dir.resolve("good.py"), "x = [1, [2, 3]]\ny = x\n");
        Path bad = Cli.write(dir.resolve("pkg/bad.py"), "x = (1,\ny = 2\n");
        Cli.write(dir.resolve("zzz.py"), "import copy\ns = copy.copy([1])\n");
        Cli.Run run = Cli.run("parse", dir.toString());
        assertEquals(1, run.exit(), run::toString);
        assertFalse(run.outLines().isEmpty(), run::toString);
        assertTrue(run.outLines().stream().allMatch(l -> l.startsWith(bad + ":")), run::toString);
    }

    /** Editors count the emoji as one character; UTF-16 would say two, UTF-8 four. */
    @Test
    void errorColumnCountsCharacters() throws IOException {
        String text = "s = \"\uD83D\uDE00\uD83D\uDE00\" )\n";
        Path file = Cli.write(dir.resolve("emoji.py"), text);
        ParseResult parsed = SourceParser.parse(file.toString(), text.getBytes(StandardCharsets.UTF_8));
        assertTrue(parsed.hasErrors(), "the parser must reject an unmatched ')'");
        int offset = parsed.errors().get(0).span().start();
        LineMap map = new LineMap(parsed.source().text());
        int line = map.line(offset);
        int column = parsed.source().text().codePointCount(map.lineStart(line), offset);

        Cli.Run run = Cli.run("parse", file.toString());
        assertEquals(1, run.exit(), run::toString);
        List<String> lines = run.outLines();
        assertTrue(lines.get(0).startsWith(file + ":" + (line + 1) + ":" + (column + 1) + ": "), run::toString);
    }
}
