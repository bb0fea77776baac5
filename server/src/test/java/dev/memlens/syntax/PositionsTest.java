package dev.memlens.syntax;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.api.Test;

import static dev.memlens.syntax.TestSupport.as;
import static dev.memlens.syntax.TestSupport.ok;
import static dev.memlens.syntax.TestSupport.parse;
import static dev.memlens.syntax.TestSupport.pos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spans are UTF-16 offsets (Java string indices), and node starts follow CPython's rules. */
class PositionsTest {

    @Test
    void astralIdentifiersAndEmojiGiveUtf16Spans() {
        String src = "𝑥 = \"😀\"; y = 𝑥\n";
        Module m = ok(src);
        Stmt.Assign first = as(m.body().get(0), Stmt.Assign.class);
        assertEquals(new Span(0, 2), first.targets().get(0).span());
        assertEquals("𝑥", as(first.targets().get(0), Expr.Name.class).id());
        assertEquals(new Span(5, 9), first.value().span());
        Stmt.Assign second = as(m.body().get(1), Stmt.Assign.class);
        assertEquals(new Span(11, 12), second.targets().get(0).span());
        assertEquals(new Span(15, 17), second.value().span());
        assertEquals(new Span(11, 17), second.span());
    }

    @Test
    void unicodeIdentifiersFollowXidRules() {
        assertTrue(parse("café = naïve = ñ_1 = Σ\n").errors().isEmpty());
        assertFalse(parse("😀 = 1\n").errors().isEmpty());
        assertFalse(parse("x😀 = 1\n").errors().isEmpty());
    }

    @Test
    void nodeStartsFollowCPython() {
        ParseResult r = parse("@dec\nasync def f(): pass\n(a).b(c)[d]\nx = (1, 2)\ny = 1, 2\nf(x for x in y)\n"
                + "z = ('a'\n     'b')\n(a) + b\n");
        assertTrue(r.errors().isEmpty());
        var body = r.module().body();
        assertEquals("2:0", pos(r, body.get(0)));
        Expr.Subscript sub = as(as(body.get(1), Stmt.Expression.class).value(), Expr.Subscript.class);
        assertEquals("3:0", pos(r, sub));
        assertEquals("3:1", pos(r, as(as(sub.value(), Expr.Call.class).func(), Expr.Attribute.class).value()));
        assertEquals("4:4", pos(r, as(body.get(2), Stmt.Assign.class).value()));
        assertEquals("5:4", pos(r, as(body.get(3), Stmt.Assign.class).value()));
        Expr.Call call = as(as(body.get(4), Stmt.Expression.class).value(), Expr.Call.class);
        assertEquals("6:1", pos(r, call.args().get(0)));
        assertEquals(new Span(call.span().start() + 1, call.span().end()), call.args().get(0).span());
        assertEquals("7:5", pos(r, as(body.get(5), Stmt.Assign.class).value()));
        assertEquals("9:0", pos(r, as(body.get(6), Stmt.Expression.class).value()));
    }

    @Test
    void lineEndingsAndFormFeeds() {
        Module cr = ok("x = 1\r  \ry = 2\rif x:\r    pass\r");
        assertEquals(3, cr.body().size());
        Module crlf = ok("x = 1\r\nif x:\r\n    pass\r\n");
        assertEquals(2, crlf.body().size());
        Module ff = ok("x = 1\n\f\ny = 2\nif x:\n  \f  pass\n");
        assertEquals(3, ff.body().size());
        Module continuation = ok("x = 1 + \\\n    2\nif x:\n    y = [1,\n2]\n");
        assertEquals(2, continuation.body().size());
        Module bom = ok("\ufeffx = 1\n");
        assertEquals(1, bom.body().size());
        ParseResult bytes = SourceParser.parse("bom.py", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', '=',
                '1', '\n'});
        assertTrue(bytes.errors().isEmpty());
    }

    @Test
    void decodingErrorsAreReported() {
        ParseResult bad = SourceParser.parse("bad.py", new byte[] {'x', '=', '\'', (byte) 0xff, '\'', '\n'});
        assertTrue(bad.errors().get(0).message().contains("codec can't decode"));
        ParseResult latin = SourceParser.parse("latin.py",
                "# -*- coding: latin-1 -*-\nx = '\u00e9'\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(latin.errors().isEmpty());
    }
}
