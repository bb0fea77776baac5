package dev.memlens.syntax;

import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.TypeParam;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.memlens.syntax.TestSupport.as;
import static dev.memlens.syntax.TestSupport.ok;
import static dev.memlens.syntax.TestSupport.only;
import static dev.memlens.syntax.TestSupport.parse;
import static dev.memlens.syntax.TestSupport.pos;
import static dev.memlens.syntax.TestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Syntax newer than the machine's CPython 3.11, checked by hand: PEP 701, 695, 696, 654 and soft keywords. */
class NewSyntaxTest {

    private static Expr expr(String src) {
        Module m = ok(src);
        return as(only(m.body(), Stmt.class), Stmt.Expression.class).value();
    }

    @Test
    void fStringWithNestedSameQuotesAndNestedFormatSpec() {
        String src = "f\"{\"a\" + f\"{x!r:>{w}}\"}\"";
        ParseResult r = parse(src);
        assertTrue(r.errors().isEmpty(), r.errors()::toString);
        Expr.JoinedStr outer = as(as(r.module().body().get(0), Stmt.Expression.class).value(), Expr.JoinedStr.class);
        Expr.FormattedValue field = only(outer.values(), Expr.FormattedValue.class);
        Expr.BinOp plus = as(field.value(), Expr.BinOp.class);
        assertEquals("\"a\"", as(plus.left(), Expr.Constant.class).raw());
        Expr.JoinedStr inner = as(plus.right(), Expr.JoinedStr.class);
        Expr.FormattedValue fx = only(inner.values(), Expr.FormattedValue.class);
        assertEquals('r', fx.conversion());
        assertEquals("x", as(fx.value(), Expr.Name.class).id());
        assertEquals("1:12", pos(r, fx.value()));
        List<Expr> spec = fx.formatSpec().values();
        assertEquals(2, spec.size());
        assertEquals(">", as(spec.get(0), Expr.Constant.class).raw());
        Expr.FormattedValue fw = as(spec.get(1), Expr.FormattedValue.class);
        assertEquals("w", text(r, fw.value()));
        assertEquals("1:18", pos(r, fw.value()));
        assertEquals(src.indexOf("f\"{x"), inner.span().start());
    }

    @Test
    void fStringFieldsMaySpanLinesAndHoldComments() {
        ParseResult r = parse("f\"{1 +\n   2}\"\nf'''{x # a comment\n}'''\n");
        assertTrue(r.errors().isEmpty(), r.errors()::toString);
        Expr.JoinedStr j = as(as(r.module().body().get(0), Stmt.Expression.class).value(), Expr.JoinedStr.class);
        Expr.BinOp sum = as(only(j.values(), Expr.FormattedValue.class).value(), Expr.BinOp.class);
        assertEquals("1:3", pos(r, sum));
        assertEquals("2:3", pos(r, sum.right()));
        assertEquals(2, r.module().body().size());
    }

    @Test
    void fStringLiteralPartsEscapesDebugAndConversions() {
        Expr.JoinedStr j = as(expr("f\"{{a}}{b}\\N{BULLET} {c = }{d!s:}\""), Expr.JoinedStr.class);
        assertEquals(5, j.values().size(), j.values()::toString);
        assertEquals("{{a}}", as(j.values().get(0), Expr.Constant.class).raw());
        assertEquals(-1, as(j.values().get(1), Expr.FormattedValue.class).conversion());
        // the \N{...} escape is literal text, and the debug text 'c = ' joins it
        assertEquals("\\N{BULLET} c = ", as(j.values().get(2), Expr.Constant.class).raw());
        assertEquals('r', as(j.values().get(3), Expr.FormattedValue.class).conversion());
        Expr.FormattedValue d = as(j.values().get(4), Expr.FormattedValue.class);
        assertEquals('s', d.conversion());
        assertTrue(d.formatSpec().values().isEmpty());
    }

    @Test
    void colonInsideBracketsIsNotTheFormatSpec() {
        Expr.FormattedValue f = only(as(expr("f\"{d[1:2]:%H:%M}\""), Expr.JoinedStr.class).values(),
                Expr.FormattedValue.class);
        assertTrue(as(f.value(), Expr.Subscript.class).slice() instanceof Expr.Slice);
        assertEquals("%H:%M", only(f.formatSpec().values(), Expr.Constant.class).raw());

        Expr.FormattedValue walrusLike = only(as(expr("f\"{x:=5}\""), Expr.JoinedStr.class).values(),
                Expr.FormattedValue.class);
        assertEquals("=5", only(walrusLike.formatSpec().values(), Expr.Constant.class).raw());
        Expr.FormattedValue walrus = only(as(expr("f\"{(x:=5)}\""), Expr.JoinedStr.class).values(),
                Expr.FormattedValue.class);
        assertTrue(walrus.value() instanceof Expr.NamedExpr);
        Expr.FormattedValue lambda = only(as(expr("f\"{(lambda x: x)(1)}\""), Expr.JoinedStr.class).values(),
                Expr.FormattedValue.class);
        assertTrue(lambda.value() instanceof Expr.Call);
    }

    @Test
    void implicitConcatenationMergesLiteralParts() {
        ParseResult r = parse("x = ('a' f'{b}'\n     'c' 'd')");
        assertTrue(r.errors().isEmpty());
        Expr.JoinedStr j = as(as(r.module().body().get(0), Stmt.Assign.class).value(), Expr.JoinedStr.class);
        assertEquals(3, j.values().size());
        assertEquals("1:5", pos(r, j));
        assertEquals("cd", as(j.values().get(2), Expr.Constant.class).raw());
        Expr.Constant plain = as(expr("'a' \"b\""), Expr.Constant.class);
        assertEquals(ConstantKind.STR, plain.kind());
        assertEquals("'a' \"b\"", plain.raw());
        assertEquals(ConstantKind.BYTES, as(expr("rb'a' B\"b\""), Expr.Constant.class).kind());
        assertFalse(parse("b'a' 'b'").errors().isEmpty(), "cannot mix bytes and nonbytes literals");
    }

    @Test
    void typeAliasesAndTypeParameters() {
        ParseResult r = parse("type X[T: int = str, *Ts = *tuple[int], **P = [int]] = list[T]\n"
                + "def f[T](x: T) -> T: pass\n"
                + "class C[T: (int, str), *Ts, **P](Base, metaclass=M): pass\n"
                + "type = 1\nprint(type)\ntype(x)\n");
        assertTrue(r.errors().isEmpty(), r.errors()::toString);
        List<Stmt> body = r.module().body();
        Stmt.TypeAlias alias = as(body.get(0), Stmt.TypeAlias.class);
        assertEquals("X", alias.name().id());
        assertEquals(Ctx.STORE, alias.name().ctx());
        TypeParam.TypeVar t = as(alias.typeParams().get(0), TypeParam.TypeVar.class);
        assertEquals("int", text(r, t.bound()));
        assertEquals("str", text(r, t.defaultValue()));
        TypeParam.TypeVarTuple ts = as(alias.typeParams().get(1), TypeParam.TypeVarTuple.class);
        assertTrue(ts.defaultValue() instanceof Expr.Starred);
        assertEquals("1:21", pos(r, ts));
        TypeParam.ParamSpec p = as(alias.typeParams().get(2), TypeParam.ParamSpec.class);
        assertTrue(p.defaultValue() instanceof Expr.ListDisplay);
        Stmt.FunctionDef f = as(body.get(1), Stmt.FunctionDef.class);
        assertEquals("T", only(f.typeParams(), TypeParam.TypeVar.class).name().name());
        Stmt.ClassDef c = as(body.get(2), Stmt.ClassDef.class);
        assertEquals(3, c.typeParams().size());
        assertTrue(as(c.typeParams().get(0), TypeParam.TypeVar.class).bound() instanceof Expr.TupleDisplay);
        assertEquals("metaclass", only(c.keywords(), dev.memlens.syntax.ast.Keyword.class).arg().name());
        assertTrue(body.get(3) instanceof Stmt.Assign);
        assertTrue(as(body.get(5), Stmt.Expression.class).value() instanceof Expr.Call);
    }

    @Test
    void exceptStar() {
        Module m = ok("try:\n    pass\nexcept* (A, B) as e:\n    pass\nexcept* C:\n    pass\n");
        Stmt.Try t = as(only(m.body(), Stmt.class), Stmt.Try.class);
        assertTrue(t.isStar());
        assertEquals(2, t.handlers().size());
        assertEquals("e", t.handlers().get(0).name().name());
        assertFalse(parse("try:\n    pass\nexcept* A:\n    pass\nexcept B:\n    pass\n").errors().isEmpty());
        assertFalse(parse("try:\n    pass\nexcept*:\n    pass\n").errors().isEmpty());
    }

    @Test
    void softKeywordsAreNames() {
        Module m = ok("match = 1\ncase = 2\n_ = 3\nmatch(x)\nmatch[x]\nmatch.y = case\nprint(match, case, type, _)\n"
                + "match -x:\n    case case:\n        pass\n");
        assertEquals(8, m.body().size());
        assertEquals("match", as(as(m.body().get(0), Stmt.Assign.class).targets().get(0), Expr.Name.class).id());
        assertTrue(as(m.body().get(3), Stmt.Expression.class).value() instanceof Expr.Call);
        assertTrue(as(m.body().get(4), Stmt.Expression.class).value() instanceof Expr.Subscript);
        Stmt.Match match = as(m.body().get(7), Stmt.Match.class);
        assertTrue(match.subject() instanceof Expr.UnaryOp);
        Pattern.MatchAs capture = as(match.cases().get(0).pattern(), Pattern.MatchAs.class);
        assertEquals("case", capture.name().name());
    }

    @Test
    void everyPatternForm() {
        ParseResult r = parse("match p:\n"
                + "    case [1, *rest] | {\"k\": v, **kw} | Point(1, y=2) | -1+2j | (a.b as z) | None | _:\n"
                + "        pass\n"
                + "    case (1, 2) | () | (x,) | [*_] | 'a' 'b' | {C.D: 1}:\n"
                + "        pass\n"
                + "    case x if x > 1:\n"
                + "        pass\n"
                + "    case 1, *others:\n"
                + "        pass\n");
        assertTrue(r.errors().isEmpty(), r.errors()::toString);
        Stmt.Match m = as(r.module().body().get(0), Stmt.Match.class);
        List<Pattern> alts = as(m.cases().get(0).pattern(), Pattern.MatchOr.class).patterns();
        assertEquals(7, alts.size());
        Pattern.MatchSequence seq = as(alts.get(0), Pattern.MatchSequence.class);
        assertEquals("rest", as(seq.patterns().get(1), Pattern.MatchStar.class).name().name());
        Pattern.MatchMapping map = as(alts.get(1), Pattern.MatchMapping.class);
        assertEquals("kw", map.rest().name());
        Pattern.MatchClass cls = as(alts.get(2), Pattern.MatchClass.class);
        assertEquals(1, cls.patterns().size());
        assertEquals("y", cls.kwdAttrs().get(0).name());
        Pattern.MatchValue complex = as(alts.get(3), Pattern.MatchValue.class);
        assertTrue(complex.value() instanceof Expr.BinOp);
        assertEquals("2:55", pos(r, complex));
        Pattern.MatchAs as = as(alts.get(4), Pattern.MatchAs.class);
        assertTrue(as.pattern() instanceof Pattern.MatchValue);
        assertEquals("2:64", pos(r, as));
        assertTrue(alts.get(5) instanceof Pattern.MatchSingleton);
        Pattern.MatchAs wildcard = as(alts.get(6), Pattern.MatchAs.class);
        assertNull(wildcard.name());
        List<Pattern> second = as(m.cases().get(1).pattern(), Pattern.MatchOr.class).patterns();
        assertEquals("4:9", pos(r, second.get(0)));
        assertTrue(as(second.get(1), Pattern.MatchSequence.class).patterns().isEmpty());
        assertNull(as(as(second.get(3), Pattern.MatchSequence.class).patterns().get(0), Pattern.MatchStar.class)
                .name());
        assertTrue(as(second.get(5), Pattern.MatchMapping.class).keys().get(0) instanceof Expr.Attribute);
        assertTrue(m.cases().get(2).guard() instanceof Expr.Compare);
        assertEquals(2, as(m.cases().get(3).pattern(), Pattern.MatchSequence.class).patterns().size());
    }

    @Test
    void statementsAndExpressionsOfEveryKind() {
        ParseResult r = parse(String.join("\n",
                "@a.b[1](c)",
                "@(lambda f: f)",
                "async def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:",
                "    async with x as (y, z), w:",
                "        await q",
                "    async for i in aiter():",
                "        yield",
                "    return [i async for i in g() if i] or {k: v for k, v in d} and {*s}",
                "global g1, g2",
                "def h():",
                "    nonlocal n",
                "    yield from (n := 10)",
                "    del a[0], b.c",
                "    x: int = 1; y += 2; z @= 3",
                "    a, *b = c = d",
                "    print(*args, sep='', **kw)",
                "    lambda *, k=1: k",
                "    x[1:2, ::3, ...]",
                "    raise E from None",
                "    assert x, 'msg'",
                "    from .. import (m as n,)",
                "    import a.b.c as d, e",
                "    with (open(a) as f, open(b) as g,):",
                "        pass",
                "    while x:",
                "        break",
                "    else:",
                "        continue",
                ""));
        assertTrue(r.errors().isEmpty(), r.errors()::toString);
        Stmt.FunctionDef f = as(r.module().body().get(0), Stmt.FunctionDef.class);
        assertTrue(f.isAsync());
        assertEquals("3:0", pos(r, f));
        assertEquals(2, f.decorators().size());
        assertEquals(2, f.args().posonlyargs().size());
        assertEquals(1, f.args().args().size());
        assertEquals(2, f.args().defaults().size());
        assertEquals("args", f.args().vararg().name());
        assertEquals(2, f.args().kwonlyargs().size());
        assertNull(f.args().kwDefaults().get(0));
        assertEquals("kw", f.args().kwarg().name());
        Stmt.With w = as(f.body().get(0), Stmt.With.class);
        assertTrue(w.isAsync());
        assertEquals(2, w.items().size());
        assertEquals(Ctx.STORE, as(w.items().get(0).optionalVars(), Expr.TupleDisplay.class).ctx());
        Stmt.FunctionDef h = as(r.module().body().get(2), Stmt.FunctionDef.class);
        Stmt.Assign chain = as(h.body().get(6), Stmt.Assign.class);
        assertEquals(2, chain.targets().size());
        assertTrue(as(chain.targets().get(0), Expr.TupleDisplay.class).elts().get(1) instanceof Expr.Starred);
        Stmt.ImportFrom from = as(h.body().get(12), Stmt.ImportFrom.class);
        assertEquals(2, from.level());
        assertNull(from.module());
        assertEquals("a.b.c", as(h.body().get(13), Stmt.Import.class).names().get(0).name());
        assertEquals(2, as(h.body().get(14), Stmt.With.class).items().size());
    }

    @Test
    void rejectsWhatCPythonsParserRejects() {
        for (String bad : List.of("f() = 1", "del f()", "(a, b) += 1", "f(a=1, b)", "f(**k, *a)", "def f(a=1, b): pass",
                "def f(*): pass", "x = yield = 1", "f(x for x in y, 1)", "a + 1 = 2", "None = 1", "f(True=1)",
                "for f() in x: pass", "with a as f(): pass", "[x for f() in y]", "print 'x'", "x = 07", "1__0",
                "0b2", "ub''", "$", "a ! b", "lambda: (yield) = 1", "(*a)", "x: int, y = 1", "import", "from import x",
                "class C(x for x in y, z): pass", "def f(): return\n  x")) {
            assertFalse(parse(bad).errors().isEmpty(), () -> "accepted: " + bad);
        }
        for (String good : List.of("*a, = b", "*a", "x = 1if y else 2", "print(*a)", "f(x for x in y)",
                "a[*b]", "x = a if b else(c)", "0_0", "1_000.0_1e1_0j", "0xFF_FF", "0o17", "0b1_0", ".5", "5.",
                "1e-5", "x = ...", "with (a, b): pass", "with (a, b) as c: pass", "with (yield): pass")) {
            assertTrue(parse(good).errors().isEmpty(), () -> "rejected: " + good + " " + parse(good).errors());
        }
    }
}
