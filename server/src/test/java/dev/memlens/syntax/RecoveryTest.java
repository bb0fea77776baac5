package dev.memlens.syntax;

import dev.memlens.syntax.ast.Expr;
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
    void decoratorAfterAnUnclosedBracketIsKept() {
        ParseResult r = check("x = foo(1,\n@dec\ndef g():\n    pass", "'(' was never closed", 1);
        Stmt.FunctionDef g = (Stmt.FunctionDef) r.module().body().get(2);
        assertEquals("g", g.name().name());
        assertEquals(1, g.decorators().size(), "the decorator stays on the function");
        assertEquals("dec", ((Expr.Name) g.decorators().get(0)).id());

        ParseResult stacked = check("x = [1,\n@a\n# note\n\n@b(2)\nclass K:\n    pass", "'[' was never closed", 1);
        Stmt.ClassDef k = (Stmt.ClassDef) stacked.module().body().get(2);
        assertEquals(2, k.decorators().size());

        ParseResult inClass = parse("class C:\n    x = foo(1,\n    @property\n    def g(self):\n        pass\n");
        assertEquals("'(' was never closed", inClass.errors().get(0).message());
        Stmt.ClassDef c = (Stmt.ClassDef) inClass.module().body().get(0);
        Stmt.FunctionDef method = (Stmt.FunctionDef) c.body().get(c.body().size() - 1);
        assertEquals("g", method.name().name());
        assertEquals(1, method.decorators().size());
    }

    @Test
    void asyncDefAfterAnUnclosedBracketIsKept() {
        ParseResult r = check("x = foo(1,\nasync def g():\n    pass", "'(' was never closed", 1);
        Stmt.FunctionDef g = (Stmt.FunctionDef) r.module().body().get(2);
        assertEquals("g", g.name().name());
        assertTrue(g.isAsync());
        check("x = foo(1,\nasync with a:\n    pass", "'(' was never closed", 1);
    }

    @Test
    void matrixMultiplicationAndAsyncComprehensionsInsideBracketsStayValid() {
        assertTrue(parse("x = (a\n@ b)\n").errors().isEmpty());
        assertTrue(parse("x = (a\n@ b\n@ c)\ndef f(): pass\n").errors().isEmpty());
        assertTrue(parse("async def f():\n    return [a\nasync for a in b]\n").errors().isEmpty());
    }

    @Test
    void strayTokensDoNotEndTheFunctionBody() {
        ParseResult r = check("def f():\n    x = 1\n    x y z\n    y = 2\n    return y", "invalid syntax", 3);
        Stmt.FunctionDef f = (Stmt.FunctionDef) r.module().body().get(1);
        assertEquals(4, f.body().size(), () -> "body: " + f.body());
        assertTrue(f.body().get(1) instanceof Stmt.Invalid);
        assertEquals("x y z", TestSupport.text(r, f.body().get(1)));
        assertTrue(f.body().get(3) instanceof Stmt.Return);

        ParseResult e = check("def f():\n    x = 1\n    else:\n        pass\n    y = 2", "invalid syntax", 3);
        Stmt.FunctionDef fe = (Stmt.FunctionDef) e.module().body().get(1);
        assertTrue(fe.body().get(fe.body().size() - 1) instanceof Stmt.Assign, () -> "body: " + fe.body());
        assertEquals(4, e.module().body().size(), "nothing of f leaks to the top level");

        ParseResult d = check("def f():\n    x = 1\n    $\n    return x", "invalid syntax", 3);
        Stmt.FunctionDef fd = (Stmt.FunctionDef) d.module().body().get(1);
        assertTrue(fd.body().get(fd.body().size() - 1) instanceof Stmt.Return, () -> "body: " + fd.body());
    }

    @Test
    void brokenHeadersKeepTheirBodies() {
        ParseResult r = check("if x = 1:\n    a = 1\n    b = 2\nelse:\n    c = 3",
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1);
        assertEquals(4, r.errors().get(0).span().start() - "def before():\n    pass\n\n".length() + 1,
                "CPython points at the name before '='");
        Stmt.If i = (Stmt.If) r.module().body().get(1);
        assertTrue(i.test() instanceof Expr.Invalid);
        assertEquals("x = 1", TestSupport.text(r, i.test()));
        assertEquals(2, i.body().size());
        assertEquals(1, i.orelse().size());

        Stmt.For f = (Stmt.For) check("for in y:\n    a = 1", "invalid syntax", 1).module().body().get(1);
        assertEquals(1, f.body().size());
        Stmt.While w = (Stmt.While) check("while x y:\n    pass", "invalid syntax", 1).module().body().get(1);
        assertEquals(1, w.body().size());
        Stmt.FunctionDef g = (Stmt.FunctionDef) check("def g(x y):\n    return 1", "invalid syntax", 1)
                .module().body().get(1);
        assertEquals("g", g.name().name());
        assertTrue(g.body().get(0) instanceof Stmt.Return);
        Stmt.ClassDef k = (Stmt.ClassDef) check("class K(x y):\n    pass",
                "invalid syntax. Perhaps you forgot a comma?", 1).module().body().get(1);
        assertEquals("K", k.name().name());
        Stmt.With with = (Stmt.With) check("with a b:\n    pass", "invalid syntax", 1).module().body().get(1);
        assertEquals(1, with.body().size());

        // nested, and more than one in a file
        ParseResult n = check("def f():\n    while x y:\n        pass\n    if a b:\n        pass\n    z = 1",
                "invalid syntax", 2);
        Stmt.FunctionDef fn = (Stmt.FunctionDef) n.module().body().get(1);
        assertEquals(3, fn.body().size(), () -> "body: " + fn.body());
        assertTrue(fn.body().get(0) instanceof Stmt.While);
        assertTrue(fn.body().get(1) instanceof Stmt.If);
        assertEquals(2, n.errors().size(), () -> "one error per broken header: " + n.errors());
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
