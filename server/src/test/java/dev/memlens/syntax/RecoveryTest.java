package dev.memlens.syntax;

import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.memlens.syntax.TestSupport.parse;
import static dev.memlens.syntax.TestSupport.topLevelNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken files: the first error must carry CPython's message and line, and every other top-level function and
 * class must survive in the AST.
 */
class RecoveryTest {

    private static final String TAIL = "\n\ndef after():\n    return 1\n\nclass Later:\n    x = 1\n";

    private static ParseResult check(String broken, String message, int line) {
        ParseResult r = parse("def before():\n    pass\n\n" + broken + TAIL);
        assertFalse(r.errors().isEmpty(), "no error reported");
        ParseError first = r.errors().get(0);
        LineMap lines = new LineMap(r.source().text());
        assertEquals(message, first.message(), () -> "all errors: " + r.errors());
        assertEquals(line + 3, lines.line(first.span().start()) + 1, () -> "line of " + first);
        List<String> names = topLevelNames(r.module());
        assertTrue(names.containsAll(List.of("before", "after", "Later")), () -> "top level: " + names);
        return r;
    }

    @Test
    void unclosedBracketInsideAFunction() {
        ParseResult r = check("def f():\n    x = foo(1,\n    y = 2", "'(' was never closed", 2);
        Stmt.FunctionDef f = (Stmt.FunctionDef) r.module().body().get(1);
        assertEquals("f", f.name().name());
        assertTrue(f.body().get(0) instanceof Stmt.Invalid);
    }

    @Test
    void unclosedBracketAtEndOfFile() {
        ParseResult r = parse("def f():\n    return [1, 2,\n");
        assertEquals("'[' was never closed", r.errors().get(0).message());
        assertEquals(List.of("f"), topLevelNames(r.module()));
    }

    @Test
    void missingColon() {
        ParseResult r = check("def f(x):\n    if x\n        return 1", "expected ':'", 2);
        Stmt.FunctionDef f = (Stmt.FunctionDef) r.module().body().get(1);
        assertTrue(f.body().get(0) instanceof Stmt.If, "the if statement is kept with its body");
        check("class C\n    pass", "expected ':'", 1);
        check("for x in y\n    pass", "expected ':'", 1);
    }

    @Test
    void strayElse() {
        check("if x:\n    pass\nelse:\n    pass\nelse:\n    pass", "invalid syntax", 5);
    }

    @Test
    void unterminatedString() {
        check("x = 'abc", "unterminated string literal (detected at line 4)", 1);
        ParseResult r = parse("x = 1\ny = \"\"\"abc\n\ndef g(): pass\n");
        assertEquals("unterminated triple-quoted string literal (detected at line 4)", r.errors().get(0).message());
        ParseResult f = parse("x = f'abc {y}\ndef g(): pass\n");
        assertEquals("unterminated f-string literal (detected at line 1)", f.errors().get(0).message());
        assertEquals(List.of("g"), topLevelNames(f.module()));
    }

    @Test
    void badDedent() {
        check("def f():\n        x = 1\n    y = 2", "unindent does not match any outer indentation level", 3);
    }

    @Test
    void unexpectedIndent() {
        check("x = 1\n    y = 2", "unexpected indent", 2);
    }

    @Test
    void missingBlock() {
        // the broken part starts on line 4 of the file
        check("if x:\ny = 1", "expected an indented block after 'if' statement on line 4", 2);
        check("def g():\nreturn", "expected an indented block after function definition on line 4", 2);
        check("try:\n    pass\nexcept E:\nz = 1", "expected an indented block after 'except' statement on line 6", 4);
        ParseResult eof = parse("for x in y:\n");
        assertEquals("expected an indented block after 'for' statement on line 1", eof.errors().get(0).message());
    }

    @Test
    void linesBeingTyped() {
        check("def f():\n    x = foo.", "invalid syntax", 2);
        check("def f():\n    if x", "expected ':'", 2);
        check("x = ", "invalid syntax", 1);
        check("print(1 2)", "invalid syntax. Perhaps you forgot a comma?", 1);
    }

    @Test
    void unmatchedClosingBracket() {
        check("x = 1)", "unmatched ')'", 1);
        check("x = (1]", "closing parenthesis ']' does not match opening parenthesis '('", 1);
    }

    @Test
    void tabError() {
        ParseResult r = parse("if x:\n\tif y:\n\t\tpass\n        pass\n");
        assertEquals("inconsistent use of tabs and spaces in indentation", r.errors().get(0).message());
        // different blocks may use different indentation
        assertTrue(parse("if x:\n\tpass\nif y:\n    pass\n").errors().isEmpty());
    }

    @Test
    void invalidCharacter() {
        ParseResult r = parse("x = 1 😀 2\n");
        assertEquals("invalid character '😀' (U+1F600)", r.errors().get(0).message());
        assertEquals(6, r.errors().get(0).span().start());
        assertEquals(8, r.errors().get(0).span().end());
    }

    @Test
    void neverThrows() {
        for (String junk : List.of("", "\n", "(", ")", "f'{", "f'{x:{", "'''", "\\", "@", "def", "class (", "lambda",
                "match x:\n case", "x = [", "{**}", "if\n", "\t\t", "\f", "\r", "\ufeff", "\u0000", "f'{x!}'",
                "try:\nexcept", "with (a as b", "async", "await", "@\ndef", "def f(x, /, /): pass", "(((((((((")) {
            ParseResult r = parse(junk);
            assertTrue(r.module() != null);
        }
    }
}
