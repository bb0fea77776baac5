package dev.memlens.semantics;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.memlens.semantics.Py.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeTreeTest {

    private static List<String> qualnames(ScopeTree t) {
        return t.scopes().stream().map(Scope::qualname).collect(Collectors.toList());
    }

    private static SymbolKind kind(ScopeTree t, String scope, String name) {
        Symbol s = Py.scope(t, scope).symbol(name);
        assertNotNull(s, () -> "no symbol " + name + " in " + scope);
        return s.kind();
    }

    /** The resolution of the n-th (0-based) occurrence of name {@code id} as an Expr.Name in source order. */
    private static Resolution nameUse(ScopeTree t, String src, String id, int nth) {
        int from = -1;
        for (int i = 0; i <= nth; i++) {
            from = indexOfWord(src, id, from + 1);
        }
        Resolution r = t.nameAt(from);
        assertNotNull(r, "no name at offset " + from);
        assertEquals(id, ((Expr.Name) r.node()).id());
        return r;
    }

    private static int indexOfWord(String src, String word, int from) {
        int i = src.indexOf(word, from);
        while (i >= 0) {
            boolean before = i == 0 || !Character.isJavaIdentifierPart(src.charAt(i - 1));
            int end = i + word.length();
            boolean after = end >= src.length() || !Character.isJavaIdentifierPart(src.charAt(end));
            if (before && after) {
                return i;
            }
            i = src.indexOf(word, i + 1);
        }
        throw new AssertionError(word + " not found");
    }

    @Test
    void qualnamesAreCPythons() {
        ScopeTree t = Py.scopes(lines(
                "def f():",
                "    def g():",
                "        class C:",
                "            def m(self):",
                "                return lambda: [x for x in ()]",
                "        return C",
                "    return g",
                "class K:",
                "    def meth(self): pass",
                "    class Inner:",
                "        def deep(self): pass",
                "lam = lambda: 0",
                "gen = (i for i in ())",
                "def outer():",
                "    global h",
                "    def h(): pass",
                "    class D: pass"));
        assertEquals(List.of("<module>", "f", "f.<locals>.g", "f.<locals>.g.<locals>.C", "f.<locals>.g.<locals>.C.m",
                "f.<locals>.g.<locals>.C.m.<locals>.<lambda>",
                "f.<locals>.g.<locals>.C.m.<locals>.<lambda>.<locals>.<listcomp>",
                "K", "K.meth", "K.Inner", "K.Inner.deep", "<lambda>", "<genexpr>",
                "outer", "h", "outer.<locals>.D"), qualnames(t));
    }

    @Test
    void comprehensionsAreInlinedFrom312ForQualnames() {
        String src = lines(
                "def f():",
                "    return [lambda: 0 for _ in ()], (lambda: 1 for _ in ())");
        Module m = Py.parse(src);
        assertEquals(List.of("<module>", "f", "f.<locals>.<listcomp>", "f.<locals>.<lambda>", "f.<locals>.<genexpr>",
                "f.<locals>.<genexpr>.<lambda>"), qualnames(ScopeTree.build(m, LanguageLevel.PY313)));
        assertEquals(List.of("<module>", "f", "f.<locals>.<listcomp>", "f.<locals>.<listcomp>.<lambda>",
                "f.<locals>.<genexpr>", "f.<locals>.<genexpr>.<lambda>"), qualnames(ScopeTree.build(m, LanguageLevel.PY311)));
    }

    @Test
    void symbolKindsForLocalsGlobalsNonlocalsCellsAndBuiltins() {
        ScopeTree t = Py.scopes(lines(
                "x = 1",
                "def f(a, *args, b, **kw):",
                "    global g",
                "    g = 1",
                "    y = x",
                "    z = 1",
                "    def inner():",
                "        nonlocal z",
                "        z = 2",
                "        return y, print",
                "    return inner"));
        assertEquals(SymbolKind.LOCAL, kind(t, "<module>", "x"));
        assertEquals(SymbolKind.GLOBAL_EXPLICIT, kind(t, "<module>", "g"), "CPython marks names declared global anywhere");
        for (String p : List.of("a", "args", "b", "kw")) {
            assertEquals(SymbolKind.LOCAL, kind(t, "f", p));
            assertTrue(Py.scope(t, "f").symbol(p).has(SymbolFlag.PARAMETER));
        }
        assertEquals(SymbolKind.GLOBAL_EXPLICIT, kind(t, "f", "g"));
        assertEquals(SymbolKind.GLOBAL_IMPLICIT, kind(t, "f", "x"));
        assertEquals(SymbolKind.CELL, kind(t, "f", "y"));
        assertTrue(Py.scope(t, "f").symbol("y").has(SymbolFlag.CAPTURED));
        assertEquals(SymbolKind.CELL, kind(t, "f", "z"));
        assertEquals(SymbolKind.LOCAL, kind(t, "f", "inner"));
        assertFalse(Py.scope(t, "f").symbol("inner").has(SymbolFlag.CAPTURED));
        assertEquals(SymbolKind.NONLOCAL, kind(t, "f.<locals>.inner", "z"));
        assertEquals(SymbolKind.FREE, kind(t, "f.<locals>.inner", "y"));
        assertEquals(SymbolKind.BUILTIN, kind(t, "f.<locals>.inner", "print"));
    }

    @Test
    void assignmentAnywhereMakesANameLocalToTheWholeFunction() {
        ScopeTree t = Py.scopes(lines(
                "x = 1",
                "def f():",
                "    print(x)",
                "    if False:",
                "        x = 2",
                "def g():",
                "    print(x)",
                "    x: int",
                "def h():",
                "    print(x)",
                "    for x in (): pass",
                "def k():",
                "    print(x)",
                "    del x"));
        for (String f : List.of("f", "g", "h", "k")) {
            assertEquals(SymbolKind.LOCAL, kind(t, f, "x"), f);
        }
    }

    @Test
    void methodsDoNotSeeTheClassBody() {
        String src = lines(
                "def f():",
                "    v = 1",
                "    class C:",
                "        v = 2",
                "        w = v",
                "        def m(self):",
                "            return v",
                "    return C");
        ScopeTree t = Py.scopes(src);
        assertEquals(SymbolKind.CELL, kind(t, "f", "v"));
        assertEquals(SymbolKind.LOCAL, kind(t, "f.<locals>.C", "v"));
        assertEquals(SymbolKind.FREE, kind(t, "f.<locals>.C.m", "v"));

        Resolution inClass = nameUse(t, src, "v", 2); // w = v
        assertEquals(ResolutionKind.CLASS, inClass.kind());
        assertSame(Py.scope(t, "f.<locals>.C").symbol("v"), inClass.targetSymbol());

        Resolution inMethod = nameUse(t, src, "v", 3); // return v
        assertEquals(ResolutionKind.ENCLOSING, inMethod.kind());
        assertSame(Py.scope(t, "f").symbol("v"), inMethod.targetSymbol());
    }

    @Test
    void classBodyNamesAreGlobalInsideItsComprehensionsExceptTheFirstIterable() {
        String src = lines(
                "class C:",
                "    base = [1]",
                "    a = [b for b in base]",
                "    c = [base for _ in range(1)]");
        ScopeTree t = Py.scopes(src);
        assertEquals(ResolutionKind.CLASS, nameUse(t, src, "base", 1).kind(), "first iterable runs in the class");
        Resolution inside = nameUse(t, src, "base", 2);
        assertEquals(ScopeKind.COMPREHENSION, inside.scope().kind());
        assertEquals(SymbolKind.GLOBAL_IMPLICIT, inside.symbol().kind());
        assertEquals(ResolutionKind.UNRESOLVED, inside.kind(), "the class attribute is invisible here");
    }

    @Test
    void comprehensionTargetsAreLocalToTheComprehension() {
        String src = lines(
                "def f(xs):",
                "    return [x for x in xs], x");
        ScopeTree t = Py.scopes(src);
        Scope comp = Py.scope(t, "f.<locals>.<listcomp>");
        assertEquals(ScopeKind.COMPREHENSION, comp.kind());
        assertEquals(SymbolKind.LOCAL, comp.symbol("x").kind());
        assertTrue(comp.symbol("x").has(SymbolFlag.COMPREHENSION_TARGET));
        assertEquals(BindingKind.COMPREHENSION_TARGET, comp.symbol("x").bindings().get(0).kind());
        assertNull(comp.symbol("xs"), "the first iterable is evaluated in f");
        assertEquals(ResolutionKind.LOCAL, nameUse(t, src, "xs", 1).kind());
        assertEquals(SymbolKind.GLOBAL_IMPLICIT, kind(t, "f", "x"), "the target does not leak");
    }

    @Test
    void walrusInAComprehensionBindsInTheEnclosingFunction() {
        String src = lines(
                "def f(items):",
                "    if any((hit := i) for i in items):",
                "        return hit",
                "found = [last := n for n in range(3)]");
        ScopeTree t = Py.scopes(src);
        Symbol hit = Py.scope(t, "f").symbol("hit");
        assertEquals(SymbolKind.CELL, hit.kind());
        assertEquals(BindingKind.WALRUS, hit.bindings().get(0).kind());
        assertEquals(SymbolKind.NONLOCAL, kind(t, "f.<locals>.<genexpr>", "hit"));
        Resolution target = nameUse(t, src, "hit", 0);
        assertTrue(target.isBinding());
        assertSame(hit, target.targetSymbol());

        assertEquals(SymbolKind.GLOBAL_EXPLICIT, kind(t, "<module>", "last"));
        assertEquals(BindingKind.WALRUS, t.module().symbol("last").bindings().get(0).kind());
        assertEquals(SymbolKind.GLOBAL_EXPLICIT, kind(t, "<listcomp>", "last"));
        assertEquals(ResolutionKind.GLOBAL, nameUse(t, src, "last", 0).kind());
    }

    @Test
    void everyBindingFormIsRecorded() {
        String src = lines(
                "import os.path, json as js",
                "from m import a as aa, b",
                "def f(p, *q, r=1, **s):",
                "    t = u = 1",
                "    v, [w, *x] = 1, [2, 3]",
                "    y += 1",
                "    z: int = 1",
                "    ann: int",
                "    for i in (): pass",
                "    with open('f') as fh: pass",
                "    try: pass",
                "    except E as err: pass",
                "    def g(): pass",
                "    class K: pass",
                "    if (wal := 1): pass",
                "    match p:",
                "        case [1, *rest]: pass",
                "        case {'k': kv, **others}: pass",
                "        case Point(x=px) as pt: pass",
                "    del t",
                "    lst = [c for c in ()]");
        ScopeTree t = Py.scopes(src);
        Scope module = t.module();
        assertEquals(BindingKind.IMPORT, module.symbol("os").bindings().get(0).kind());
        assertTrue(module.symbol("os").has(SymbolFlag.IMPORTED));
        assertFalse(module.symbol("os").has(SymbolFlag.ASSIGNED));
        for (String n : List.of("js", "aa", "b")) {
            assertEquals(BindingKind.IMPORT, module.symbol(n).bindings().get(0).kind(), n);
        }
        Scope f = Py.scope(t, "f");
        String[][] expected = {
                {"p", "PARAMETER"}, {"q", "PARAMETER"}, {"r", "PARAMETER"}, {"s", "PARAMETER"},
                {"t", "ASSIGNMENT", "DELETE"}, {"u", "ASSIGNMENT"}, {"v", "ASSIGNMENT"}, {"w", "ASSIGNMENT"},
                {"x", "ASSIGNMENT"}, {"y", "AUGMENTED_ASSIGNMENT"}, {"z", "ANNOTATED_ASSIGNMENT"},
                {"ann", "ANNOTATION_ONLY"}, {"i", "FOR_TARGET"}, {"fh", "WITH_TARGET"},
                {"err", "EXCEPT_TARGET", "EXCEPT_UNBIND"}, {"g", "FUNCTION_DEF"}, {"K", "CLASS_DEF"},
                {"wal", "WALRUS"}, {"rest", "MATCH_STAR"}, {"kv", "MATCH_CAPTURE"}, {"others", "MATCH_REST"},
                {"px", "MATCH_CAPTURE"}, {"pt", "MATCH_CAPTURE"}, {"lst", "ASSIGNMENT"}};
        for (String[] e : expected) {
            Symbol sym = f.symbol(e[0]);
            assertNotNull(sym, e[0]);
            List<String> kinds = new ArrayList<>();
            for (Binding b : sym.bindings()) {
                kinds.add(b.kind().name());
            }
            assertEquals(List.of(e).subList(1, e.length), kinds, e[0]);
            assertEquals(SymbolKind.LOCAL, sym.kind(), e[0]);
        }
        assertTrue(f.symbol("z").has(SymbolFlag.ANNOTATED));
        assertTrue(f.symbol("t").has(SymbolFlag.DELETED));
        assertNull(f.symbol("c"), "comprehension targets belong to the comprehension");
        // Binding sites are the nodes that bind.
        assertTrue(f.symbol("g").bindings().get(0).site() instanceof Stmt.FunctionDef);
        assertTrue(f.symbol("t").bindings().get(0).site() instanceof Expr.Name);
        assertTrue(f.symbol("err").bindings().get(1).site() instanceof dev.memlens.syntax.ast.ExceptHandler);
    }

    @Test
    void superAndDunderClassUseTheImplicitClassCell() {
        String src = lines(
                "class C(Base):",
                "    def m(self):",
                "        return super().m()",
                "    def n(self):",
                "        return __class__",
                "def not_a_method():",
                "    return __class__");
        ScopeTree t = Py.scopes(src);
        assertEquals(SymbolKind.FREE, kind(t, "C.m", "__class__"));
        assertEquals(SymbolKind.BUILTIN, kind(t, "C.m", "super"));
        Resolution r = nameUse(t, src, "__class__", 0);
        assertEquals(ResolutionKind.ENCLOSING, r.kind());
        assertSame(Py.scope(t, "C"), r.target());
        assertNull(Py.scope(t, "C").symbol("__class__"), "CPython lists no __class__ in the class itself");
        assertEquals(SymbolKind.GLOBAL_IMPLICIT, kind(t, "not_a_method", "__class__"));
    }

    @Test
    void builtinsAreBuiltinOnlyWhenNothingBindsThemGlobally() {
        String src = lines(
                "len = lambda x: 0",
                "def f():",
                "    return len([]), print, undefined_thing, __name__",
                "def g():",
                "    global open",
                "    open = 1");
        ScopeTree t = Py.scopes(src);
        assertEquals(SymbolKind.GLOBAL_IMPLICIT, kind(t, "f", "len"));
        assertEquals(ResolutionKind.GLOBAL, nameUse(t, src, "len", 1).kind());
        assertEquals(SymbolKind.BUILTIN, kind(t, "f", "print"));
        assertEquals(ResolutionKind.BUILTIN, nameUse(t, src, "print", 0).kind());
        assertEquals(ResolutionKind.UNRESOLVED, nameUse(t, src, "undefined_thing", 0).kind());
        assertEquals(ResolutionKind.GLOBAL, nameUse(t, src, "__name__", 0).kind());
        assertTrue(t.globallyBound().contains("open"), "bound through a global declaration");
        assertEquals(1, t.globalBindings("open").size());
        assertFalse(t.hasStarImport());

        ScopeTree star = Py.scopes(lines("from os import *", "def f():", "    return getcwd()"));
        assertTrue(star.hasStarImport());
        assertEquals(ResolutionKind.GLOBAL, star.resolutions().stream()
                .filter(r -> r.name().equals("getcwd")).findFirst().orElseThrow().kind());
    }

    @Test
    void privateNamesAreMangledInClasses() {
        String src = lines(
                "class C:",
                "    __x = 1",
                "    __dunder__ = 2",
                "    def m(self, __p):",
                "        return __x, __p");
        ScopeTree t = Py.scopes(src);
        Scope c = Py.scope(t, "C");
        assertNotNull(c.symbol("_C__x"));
        assertSame(c.symbol("_C__x"), c.lookup("__x"));
        assertNotNull(c.symbol("__dunder__"));
        assertNotNull(Py.scope(t, "C.m").symbol("_C__p"));
        assertEquals(SymbolKind.GLOBAL_IMPLICIT, kind(t, "C.m", "_C__x"));
    }

    @Test
    void exceptAsRecordsTheUnbindingAtTheEndOfTheHandler() {
        ScopeTree t = Py.scopes(lines(
                "try:",
                "    pass",
                "except ValueError as e:",
                "    pass"));
        List<Binding> b = t.module().symbol("e").bindings();
        assertEquals(2, b.size());
        assertEquals(BindingKind.EXCEPT_TARGET, b.get(0).kind());
        assertEquals(BindingKind.EXCEPT_UNBIND, b.get(1).kind());
        assertTrue(b.get(1).kind().unbinds());
        assertSame(b.get(0).site(), b.get(1).site());
    }

    @Test
    void lookupsByNodeIdentityAndOffset() {
        String src = lines(
                "def f(a):",
                "    b = a",
                "    return lambda: b");
        Module m = Py.parse(src);
        ScopeTree t = ScopeTree.build(m);
        Stmt.FunctionDef f = (Stmt.FunctionDef) m.body().get(0);
        Scope fs = t.scopeOf(f);
        assertEquals("f", fs.qualname());
        assertSame(t.module(), t.scopeOf(m));
        Stmt.Assign assign = (Stmt.Assign) f.body().get(0);
        Resolution read = t.resolve(assign.value());
        assertEquals(ResolutionKind.LOCAL, read.kind());
        assertTrue(read.symbol().has(SymbolFlag.PARAMETER));
        Resolution bind = t.resolve(assign.targets().get(0));
        assertTrue(bind.isBinding());
        assertSame(fs.symbol("b"), bind.symbol());
        Resolution def = t.resolve(f.name());
        assertTrue(def.isBinding());
        assertSame(t.module().symbol("f"), def.targetSymbol());

        int inLambda = src.lastIndexOf('b');
        assertEquals(ScopeKind.LAMBDA, t.scopeAt(inLambda).kind());
        assertEquals(ResolutionKind.ENCLOSING, t.nameAt(inLambda).kind());
        assertEquals("f", t.scopeAt(src.indexOf("return")).qualname());
        assertSame(t.module(), t.scopeAt(src.length()));
        assertNull(t.nameAt(src.indexOf("return")));
        // Records compare by value; lookups must not confuse equal-looking nodes.
        Node lookalike = new Expr.Name(assign.value().span(), "a", dev.memlens.syntax.ast.Ctx.LOAD);
        assertEquals(lookalike, assign.value());
        assertNull(t.resolve(lookalike));
    }

    @Test
    void pep695AnnotationScopes() {
        String src = lines(
                "def f[T: int, *Ts, **P](x: T) -> T:",
                "    return x",
                "class C[T](Base[T]):",
                "    def m(self) -> T: ...",
                "type Alias[K] = dict[K, int]",
                "type Plain = list[int]",
                "class Outer:",
                "    Thing = int",
                "    type Inner = Thing");
        Module module = Py.parse(src);
        ScopeTree t = ScopeTree.build(module);
        List<String> shape = t.scopes().stream().map(s -> s.kind() + " " + s.qualname()).collect(Collectors.toList());
        assertEquals(List.of(
                "MODULE <module>",
                "TYPE_PARAMETERS <generic parameters of f>",
                "FUNCTION f",
                "TYPE_VAR_BOUND T",
                "TYPE_PARAMETERS <generic parameters of C>",
                "CLASS C",
                "FUNCTION C.m",
                "TYPE_PARAMETERS Alias",
                "TYPE_ALIAS Alias",
                "TYPE_ALIAS Plain",
                "CLASS Outer",
                "TYPE_ALIAS Outer.Inner"), shape);
        Scope fp = Py.scope(t, "<generic parameters of f>");
        assertSame(fp, t.typeParameterScopeOf(module.body().get(0)));
        assertSame(Py.scope(t, "f"), t.scopeOf(module.body().get(0)));
        assertEquals(SymbolKind.LOCAL, fp.symbol("T").kind());
        assertTrue(fp.symbol("T").has(SymbolFlag.TYPE_PARAMETER));
        assertEquals(BindingKind.TYPE_PARAMETER, fp.symbol("Ts").bindings().get(0).kind());
        assertNotNull(fp.symbol("P"));
        assertNull(Py.scope(t, "f").symbol("T"), "annotations of a generic function live in its type-parameter scope");
        Scope cp = Py.scope(t, "<generic parameters of C>");
        assertEquals(SymbolKind.CELL, cp.symbol("T").kind(), "the class body reads T for m's annotation");
        assertEquals(SymbolKind.FREE, kind(t, "C", "T"));
        assertEquals(SymbolKind.CELL, kind(t, "Alias", "K"));
        assertEquals(ScopeKind.TYPE_PARAMETERS, Py.scope(t, "Alias").kind());
        assertEquals(SymbolKind.LOCAL, kind(t, "<module>", "Alias"));
        assertEquals(BindingKind.TYPE_ALIAS, t.module().symbol("Plain").bindings().get(0).kind());
        // An annotation scope in a class sees the class namespace.
        Resolution thing = nameUse(t, src, "Thing", 1);
        assertEquals(ScopeKind.TYPE_ALIAS, thing.scope().kind());
        assertEquals(ResolutionKind.CLASS, thing.kind());
        assertSame(Py.scope(t, "Outer").symbol("Thing"), thing.targetSymbol());
    }

    @Test
    void deeplyNestedExpressionsDoNotOverflowTheStack() {
        // a + a + ... with 200,000 terms: a left-deep BinOp chain, built by hand.
        Expr e = new Expr.Name(new dev.memlens.syntax.ast.Span(0, 1), "a", dev.memlens.syntax.ast.Ctx.LOAD);
        for (int i = 0; i < 200_000; i++) {
            e = new Expr.BinOp(e.span(), e, dev.memlens.syntax.ast.Operator.ADD,
                    new Expr.Name(new dev.memlens.syntax.ast.Span(0, 1), "a", dev.memlens.syntax.ast.Ctx.LOAD));
        }
        Stmt.Assign assign = new Stmt.Assign(e.span(), List.of(new Expr.Name(e.span(), "x",
                dev.memlens.syntax.ast.Ctx.STORE)), e);
        Stmt.FunctionDef f = new Stmt.FunctionDef(e.span(), new dev.memlens.syntax.ast.Identifier(e.span(), "f"),
                List.of(), dev.memlens.syntax.ast.Arguments.EMPTY, List.of(assign),
                List.of(), null, false);
        Module m = new Module(e.span(), List.of(f));
        SemanticModel model = SemanticModel.build(m, null, LanguageLevel.PY313);
        assertEquals(SymbolKind.GLOBAL_IMPLICIT, model.scopes().scopeOf(f).symbol("a").kind());
        assertEquals(200_003, model.scopes().resolutions().size());
        assertTrue(model.unboundLocals().isEmpty());
    }
}
