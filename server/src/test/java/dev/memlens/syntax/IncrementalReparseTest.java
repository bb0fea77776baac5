package dev.memlens.syntax;

import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SourceParser#reparse} keeps the top-level statements before an edit and parses only the rest: its AST and
 * errors must be exactly those of a full parse of the new text. Checked on chains of random edits (each reparsed from
 * the previous result, as the server does while a user types) of this repository's Python files and, when present, a
 * sample of this machine's standard library, and on the cases where a kept statement could change meaning.
 */
class IncrementalReparseTest {

    private static final String[] INSERTS = {"x", "(", ")", "[", "]", "{", ":", "'", "\"\"\"", "\n", "    ", "\n  ",
            "def ", "if x:\n", "else:", "lambda", ",", "=", "@", "#", "\\", "return", "class C(", "f'{", "import",
            "    y = 1\n", "; z = 2", "\r\n"};

    @Test
    void reparsingEqualsAFullParseOnChainsOfRandomEdits() throws IOException {
        List<Path> files = new ArrayList<>(pythonFiles(Paths.get("src/test/resources"), 1000));
        files.addAll(pythonFiles(Paths.get("../examples"), 1000));
        if (Files.isDirectory(Fidelity.STDLIB)) {
            List<Path> stdlib = pythonFiles(Fidelity.STDLIB, 4000);
            for (int i = 0; i < stdlib.size(); i += Math.max(1, stdlib.size() / 40)) {
                files.add(stdlib.get(i));
            }
        }
        assertTrue(files.size() >= 20, "too few files: " + files.size());
        Random random = new Random(11);
        int compared = 0;
        int reused = 0;
        long tailsBefore = SourceParser.tailsKept();
        for (Path file : files) {
            String text;
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            if (text.length() > 200_000) {
                continue;
            }
            // as while typing: an edit, then back to the text before it, each reparsed from the one before
            ParseResult previous = SourceParser.parse(new SourceText(file.toString(), text));
            String last = text;
            for (int edit = 0; edit < 20; edit++) {
                String edited = edit % 2 == 0 ? randomEdit(text, random) : text;
                if (edit % 4 == 3) {
                    edited = randomEdit(last, random); // and now and then a second edit on top of the first
                }
                SourceText source = new SourceText(file.toString(), edited);
                ParseResult incremental = SourceParser.reparse(previous, source);
                ParseResult full = SourceParser.parse(source);
                String where = file + " edit " + edit;
                String shown = edited;
                assertEquals(full.errors(), incremental.errors(), () -> where + ":\n" + shown);
                assertEquals(full.module(), incremental.module(), () -> where + ":\n" + shown);
                if (!incremental.module().body().isEmpty() && !previous.module().body().isEmpty()
                        && incremental.module().body().get(0) == previous.module().body().get(0)) {
                    reused++;
                }
                compared++;
                previous = incremental;
                last = edited;
            }
        }
        assertTrue(reused > compared / 4, reused + " of " + compared + " reparses kept leading statements");
        long tails = SourceParser.tailsKept() - tailsBefore;
        System.out.println("incremental reparse: " + compared + " edits, " + reused + " kept leading statements, "
                + tails + " kept the statements after the edit");
        assertTrue(tails > compared / 4, tails + " of " + compared + " reparses kept the statements after the edit");
    }

    /**
     * As an editor's user types at the start of lines of a file of functions and assignments (the edits of
     * {@code memlens bench-lsp}), breaking a statement and mending it again: every reparse equals a full parse, and
     * most keep the statements after the edit.
     */
    @Test
    void typingAtLineStartsKeepsTheStatementsAfterTheEdit() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            if (i % 10 == 0) {
                sb.append("@decorator\ndef function_").append(i).append("(items, seen=[]):\n    alias = items\n")
                        .append("    if alias:\n        alias.append(len(seen))\n    return {'k': alias}\n");
            } else {
                sb.append("value_").append(i).append(" = [").append(i).append(", 'text', (1, 2)]\n");
            }
        }
        String text = sb.toString();
        String[] typed = {"x", "(", "'", "\\", "@", "    ", "if x:", "else:", "def g():", "\"\"\"", "#", ")"};
        Random random = new Random(5);
        ParseResult previous = SourceParser.parse(new SourceText("t.py", text));
        long tailsBefore = SourceParser.tailsKept();
        int edits = 0;
        for (int round = 0; round < 150; round++) {
            int lineStart = 0;
            for (int line = random.nextInt(text.split("\n").length); line > 0; line--) {
                lineStart = text.indexOf('\n', lineStart) + 1;
            }
            String edited = text.substring(0, lineStart) + typed[random.nextInt(typed.length)]
                    + text.substring(lineStart);
            for (String version : new String[]{edited, text}) {
                SourceText source = new SourceText("t.py", version);
                ParseResult incremental = SourceParser.reparse(previous, source);
                ParseResult full = SourceParser.parse(source);
                assertEquals(full.errors(), incremental.errors(), version);
                assertEquals(full.module(), incremental.module(), version);
                previous = incremental;
                edits++;
            }
        }
        long tails = SourceParser.tailsKept() - tailsBefore;
        // about half: an open bracket or string typed (5 of the 12) leaves no statement after it to keep
        assertTrue(tails > edits / 3, tails + " of " + edits + " reparses kept the statements after the edit");
    }

    @Test
    void aBackslashBeforeTheKeptStatementsJoinsTheLines() {
        String before = "a = 1\nb = 2\nc = 3\nd = 4\n";
        String after = "a = 1\nb = 2 \\\nc = 3\nd = 4\n";
        ParseResult previous = SourceParser.parse(new SourceText("t.py", before));
        ParseResult incremental = SourceParser.reparse(previous, new SourceText("t.py", after));
        ParseResult full = SourceParser.parse(new SourceText("t.py", after));
        assertTrue(full.hasErrors(), "b = 2 c = 3");
        assertEquals(full.errors(), incremental.errors());
        assertEquals(full.module(), incremental.module());
    }

    @Test
    void anOpenBracketBeforeTheKeptStatementsTakesThemIn() {
        String before = "a = 1\nb = 2\nc = [3,\n4]\nd = 4\n";
        String after = "a = 1\nb = (2\nc = [3,\n4]\nd = 4\n";
        ParseResult previous = SourceParser.parse(new SourceText("t.py", before));
        ParseResult incremental = SourceParser.reparse(previous, new SourceText("t.py", after));
        ParseResult full = SourceParser.parse(new SourceText("t.py", after));
        assertEquals(full.errors(), incremental.errors());
        assertEquals(full.module(), incremental.module());
    }

    @Test
    void keptStatementsAfterTheEditMoveWithIt() {
        String before = "a = 1\nb = 2\ndef f(x):\n    return [x]\nc = f(b)\n";
        String after = "a = 1\nb = 22222\ndef f(x):\n    return [x]\nc = f(b)\n";
        ParseResult previous = SourceParser.parse(new SourceText("t.py", before));
        long tailsBefore = SourceParser.tailsKept();
        ParseResult incremental = SourceParser.reparse(previous, new SourceText("t.py", after));
        ParseResult full = SourceParser.parse(new SourceText("t.py", after));
        assertEquals(full.module(), incremental.module());
        assertEquals(full.errors(), incremental.errors());
        assertEquals(1, SourceParser.tailsKept() - tailsBefore, "def f and c = f(b) were moved, not parsed");
    }

    @Test
    void anIndentedLineTypedAfterAFunctionJoinsItsBody() {
        String before = "a = 1\ndef f():\n    x = 1\n# note\ny = 2\n";
        String after = "a = 1\ndef f():\n    x = 1\n# note\n    z = 3\ny = 2\n";
        ParseResult previous = SourceParser.parse(new SourceText("t.py", before));
        ParseResult incremental = SourceParser.reparse(previous, new SourceText("t.py", after));
        ParseResult full = SourceParser.parse(new SourceText("t.py", after));
        assertEquals(full.module(), incremental.module());
        assertEquals(full.errors(), incremental.errors());
        assertSame(previous.module().body().get(0), incremental.module().body().get(0), "a = 1 is kept");
        Stmt.FunctionDef f = (Stmt.FunctionDef) incremental.module().body().get(1);
        assertEquals(2, f.body().size(), "z = 3 is in f's body");
    }

    @Test
    void statementsSharingALineAreParsedAgainTogether() {
        String before = "a = 1; b = 2\nc = 3\n";
        String after = "a = 1; b = 2 +\nc = 3\n";
        ParseResult previous = SourceParser.parse(new SourceText("t.py", before));
        ParseResult incremental = SourceParser.reparse(previous, new SourceText("t.py", after));
        ParseResult full = SourceParser.parse(new SourceText("t.py", after));
        assertEquals(full.module(), incremental.module());
        assertEquals(full.errors(), incremental.errors());
        assertTrue(incremental.hasErrors());
    }

    @Test
    void anErrorAfterTheKeptPartKeepsItsLineNumber() {
        String before = "a = 1\nb = 2\nc = 3\n";
        String after = "a = 1\nb = 2\nc = f'{\n";
        ParseResult previous = SourceParser.parse(new SourceText("t.py", before));
        ParseResult incremental = SourceParser.reparse(previous, new SourceText("t.py", after));
        ParseResult full = SourceParser.parse(new SourceText("t.py", after));
        assertEquals(full.errors(), incremental.errors());
        assertEquals(full.module(), incremental.module());
        assertSame(previous.module().body().get(1), incremental.module().body().get(1));
    }

    private static String randomEdit(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        if (random.nextInt(4) == 0 && at < text.length()) {
            int end = Math.min(text.length(), at + 1 + random.nextInt(12));
            return text.substring(0, at) + text.substring(end);
        }
        return text.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + text.substring(at);
    }

    private static List<Path> pythonFiles(Path root, int limit) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("site-packages"))
                    .sorted().limit(limit).toList();
        }
    }
}
