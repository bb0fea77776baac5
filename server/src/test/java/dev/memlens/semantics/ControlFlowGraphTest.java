package dev.memlens.semantics;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.memlens.semantics.Py.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CFG shapes, one statement kind per test: the Python source and the expected dump side by side. Dump syntax:
 * {@code B0: elements -> successors}; successor suffixes :T/:F (test), :next/:done (iteration), :match/:nomatch,
 * :exc (exception), :suppressed (a context manager swallowed it); {@code exit} and {@code raise} are the exits.
 */
class ControlFlowGraphTest {

    /** The dump of the graph of the scope with this qualname. */
    private static String cfg(String src, String qualname) {
        SemanticModel m = Py.model(src);
        ControlFlowGraph g = m.graph(Py.scope(m.scopes(), qualname));
        checkInvariants(g);
        return g.dump(src);
    }

    private static String cfg(String src) {
        return cfg(src, "f");
    }

    /** Ids follow reverse post-order; predecessor lists mirror successor lists. */
    private static void checkInvariants(ControlFlowGraph g) {
        List<BasicBlock> rpo = g.reversePostOrder();
        assertSame(g.entry(), rpo.get(0));
        for (int i = 0; i < rpo.size(); i++) {
            BasicBlock b = rpo.get(i);
            assertEquals(i, b.id());
            for (Edge e : b.successors()) {
                assertTrue(e.target().predecessors().contains(b));
                if (!g.loopHeads().contains(e.target())) {
                    assertTrue(e.target().id() > b.id(), "forward edge " + b + " -> " + e);
                }
            }
        }
    }

    @Test
    void straightLineCodeIsOneBlock() {
        assertEquals("B0: x = 1; y = x; print(y) -> exit\n", cfg(lines(
                "def f():",
                "    x = 1",
                "    y = x",
                "    print(y)")));
    }

    @Test
    void ifElifElse() {
        assertEquals(lines(
                "B0: x = 1; test c -> B4:T, B1:F",
                "B1: test c > 1 -> B3:T, B2:F",
                "B2: y = 4 -> B5",
                "B3: y = 3 -> B5",
                "B4: y = 2 -> B5",
                "B5: return y -> exit"), cfg(lines(
                "def f(c):",
                "    x = 1",
                "    if c:",
                "        y = 2",
                "    elif c > 1:",
                "        y = 3",
                "    else:",
                "        y = 4",
                "    return y")));
    }

    @Test
    void constantTestsHaveOneEdge() {
        assertEquals(lines(
                "B0: test 0 -> B1:F",
                "B1: b() -> exit"), cfg(lines(
                "def f():",
                "    if 0:",
                "        a()",
                "    b()")));
    }

    @Test
    void whileWithBreakContinueAndElse() {
        String src = lines(
                "def f(c):",
                "    while c:",
                "        c -= 1",
                "        if c == 5:",
                "            break",
                "        if c == 7:",
                "            continue",
                "        g()",
                "    else:",
                "        done()",
                "    return c");
        assertEquals(lines(
                "B0: test c -> B2:T, B1:F",
                "B1: done() -> B7",
                "B2: c -= 1; test c == 5 -> B6:T, B3:F",
                "B3: test c == 7 -> B5:T, B4:F",
                "B4: g() -> B0",
                "B5: continue -> B0",
                "B6: break -> B7",
                "B7: return c -> exit"), cfg(src));
        ControlFlowGraph g = Py.model(src).graphs().all().values().stream()
                .filter(x -> x.scope().kind() == ScopeKind.FUNCTION).findFirst().orElseThrow();
        assertEquals(Set.of(g.entry()), new HashSet<>(g.loopHeads()));
    }

    @Test
    void whileTrueLeavesOnlyByBreak() {
        assertEquals(lines(
                "B0: test True -> B1:T",
                "B1: x = 1; break -> B2",
                "B2: return x -> exit"), cfg(lines(
                "def f():",
                "    while True:",
                "        x = 1",
                "        break",
                "    return x")));
    }

    @Test
    void forLoopHasNextAndAssignSteps() {
        String src = lines(
                "def f(xs):",
                "    for x in xs:",
                "        if x:",
                "            continue",
                "        use(x)",
                "    else:",
                "        nothing()",
                "    after()");
        assertEquals(lines(
                "B0: iter xs -> B1",
                "B1: next -> B4:next, B2:done",
                "B2: nothing() -> B3",
                "B3: after() -> exit",
                "B4: x = next; test x -> B6:T, B5:F",
                "B5: use(x) -> B1",
                "B6: continue -> B1"), cfg(src));
        SemanticModel m = Py.model(src);
        ControlFlowGraph g = m.graph(Py.scope(m.scopes(), "f"));
        assertEquals(1, g.loopHeads().size());
        BasicBlock head = g.loopHeads().iterator().next();
        assertTrue(head.elements().get(0) instanceof Element.IterNext);
    }

    @Test
    void shortCircuitConditionsTestEachOperand() {
        // The walrus binds only on the path where `a` was true.
        assertEquals(lines(
                "B0: test a -> B1:T, B2:F",
                "B1: test x := b -> B3:T, B2:F",
                "B2: test a -> exit:T, B3:F",
                "B3: return x -> exit"), cfg(lines(
                "def f(a, b):",
                "    if a and (x := b) or not a:",
                "        return x")));
    }

    @Test
    void tryExceptElseFinally() {
        assertEquals(lines(
                "B0: a() -> B3:exc, B1",
                "B1: b() -> B3:exc, B2",
                "B2: el() -> B13:exc, B10",
                "B3: except ValueError -> B13:exc, B7:match, B4:nomatch",
                "B4: except TypeError -> B13:exc, B6:match, B5:nomatch",
                "B5: reraise -> B13:exc",
                "B6: d() -> B13:exc, B10",
                "B7: e = exception -> B13:exc, B8",
                "B8: c(e) -> B11:exc, B9",
                "B9: del e -> B13:exc, B10",
                "B10: fin(); return 1 -> exit",
                "B11: del e -> B13:exc, B12",
                "B12: reraise -> B13:exc",
                "B13: fin(); reraise -> raise:exc"), cfg(lines(
                "def f():",
                "    try:",
                "        a()",
                "        b()",
                "    except ValueError as e:",
                "        c(e)",
                "    except TypeError:",
                "        d()",
                "    else:",
                "        el()",
                "    finally:",
                "        fin()",
                "    return 1")));
    }

    @Test
    void bareExceptCatchesEverything() {
        assertEquals(lines(
                "B0: a() -> B1:exc, B3",
                "B1: except -> B2:match",
                "B2: b() -> B3",
                "B3: c() -> exit"), cfg(lines(
                "def f():",
                "    try:",
                "        a()",
                "    except:",
                "        b()",
                "    c()")));
    }

    @Test
    void returnPassesThroughFinally() {
        assertEquals(lines(
                "B0: return g() -> B2:exc, B1",
                "B1: cleanup() -> exit",
                "B2: cleanup(); reraise -> raise:exc"), cfg(lines(
                "def f():",
                "    try:",
                "        return g()",
                "    finally:",
                "        cleanup()")));
    }

    @Test
    void returnInFinallyOverridesTheJump() {
        assertEquals(lines(
                "B0: return 1 -> B2:exc, B1",
                "B1: return 2 -> exit",
                "B2: return 2 -> exit"), cfg(lines(
                "def f():",
                "    try:",
                "        return 1",
                "    finally:",
                "        return 2")));
    }

    @Test
    void breakAndContinuePassThroughFinally() {
        assertEquals(lines(
                "B0: iter xs -> B1",
                "B1: next -> B2:next, exit:done",
                "B2: x = next -> B3",
                "B3: test x -> B8:exc, B6:T, B4:F",
                "B4: continue -> B8:exc, B5",
                "B5: fin() -> B1",
                "B6: break -> B8:exc, B7",
                "B7: fin() -> exit",
                "B8: fin(); reraise -> raise:exc"), cfg(lines(
                "def f(xs):",
                "    for x in xs:",
                "        try:",
                "            if x:",
                "                break",
                "            continue",
                "        finally:",
                "            fin()")));
    }

    @Test
    void withItemsEnterAndExitInNestedOrder() {
        assertEquals(lines(
                "B0: with m as v -> B1",
                "B1: with open(v) as w -> B6:exc, B2",
                "B2: body(w) -> B4:exc, B3",
                "B3: exit open(v) -> B6:exc, B5",
                "B4: exit open(v) (exc) -> B6:exc, B5:suppressed",
                "B5: exit m -> B7",
                "B6: exit m (exc) -> raise:exc, B7:suppressed",
                "B7: after() -> exit"), cfg(lines(
                "def f(m):",
                "    with m as v, open(v) as w:",
                "        body(w)",
                "    after()")));
    }

    @Test
    void returnInsideWithCallsExit() {
        assertEquals(lines(
                "B0: with m -> B1",
                "B1: return 1 -> B3:exc, B2",
                "B2: exit m -> exit",
                "B3: exit m (exc) -> raise:exc, B4:suppressed",
                "B4: return 2 -> exit"), cfg(lines(
                "def f(m):",
                "    with m:",
                "        return 1",
                "    return 2")));
    }

    @Test
    void matchCasesGuardsAndIrrefutableLastCase() {
        assertEquals(lines(
                "B0: match s; case [x, *rest] -> B1:match, B2:nomatch",
                "B1: bind x, rest; test x > 0 -> B6:T, B2:F",
                "B2: case {\"k\": v} -> B5:match, B3:nomatch",
                "B3: case _ -> B4:match",
                "B4: c() -> exit",
                "B5: bind v; b(v) -> exit",
                "B6: a(x) -> exit"), cfg(lines(
                "def f(s):",
                "    match s:",
                "        case [x, *rest] if x > 0:",
                "            a(x)",
                "        case {\"k\": v}:",
                "            b(v)",
                "        case _:",
                "            c()")));
    }

    @Test
    void matchWithoutIrrefutableCaseMayMatchNothing() {
        assertEquals(lines(
                "B0: match s; case 1 -> B1:match, B2:nomatch",
                "B1: one() -> B2",
                "B2: done() -> exit"), cfg(lines(
                "def f(s):",
                "    match s:",
                "        case 1:",
                "            one()",
                "    done()")));
    }

    @Test
    void assertAndRaise() {
        String src = lines(
                "def f(x):",
                "    assert x, \"msg\"",
                "    raise ValueError(x)",
                "    unreachable()");
        assertEquals(lines(
                "B0: test x -> B2:T, B1:F",
                "B1: raise AssertionError -> raise:exc",
                "B2: raise ValueError(x) -> raise:exc"), cfg(src));
        SemanticModel m = Py.model(src);
        ControlFlowGraph g = m.graph(Py.scope(m.scopes(), "f"));
        BasicBlock dead = g.blocks().get(g.blocks().size() - 1);
        assertFalse(g.isReachable(dead));
        assertEquals("unreachable()", ElementLabels.label(dead.elements().get(0), src));
        assertFalse(g.isReachable(g.exit()), "only the dead call falls through to the exit");
    }

    @Test
    void comprehensionHasItsOwnLoops() {
        String src = lines(
                "def f(xs):",
                "    return {x: y for x in xs if x if not y for y in x}");
        assertEquals("B0: return {x: y for x in xs if x if not y for y in x} -> exit\n", cfg(src));
        assertEquals(lines(
                "B0: iter .0 -> B1",
                "B1: next -> B2:next, exit:done",
                "B2: x = next; test x -> B3:T, B1:F",
                "B3: test y -> B1:T, B4:F",
                "B4: iter x -> B5",
                "B5: next -> B6:next, B1:done",
                "B6: y = next; append x: y -> B5"), cfg(src, "f.<locals>.<dictcomp>"));
    }

    @Test
    void lambdaModuleAndClassBodies() {
        String src = lines(
                "import os",
                "class C:",
                "    x = 1",
                "    if os.name:",
                "        y = 2",
                "f = lambda a: a + 1");
        assertEquals(lines(
                "B0: import os; class C; f = lambda a: a + 1 -> exit"), cfg(src, "<module>"));
        assertEquals(lines(
                "B0: x = 1; test os.name -> B1:T, exit:F",
                "B1: y = 2 -> exit"), cfg(src, "C"));
        assertEquals("B0: return a + 1 -> exit\n", cfg(src, "<lambda>"));
    }

    @Test
    void typeParameterScopesHaveNoGraph() {
        SemanticModel m = Py.model(lines("def f[T](x: T) -> T:", "    return x"));
        assertNull(m.graph(Py.scope(m.scopes(), "<generic parameters of f>")));
        assertEquals("B0: return x -> exit\n", m.graph(Py.scope(m.scopes(), "f")).dump(m.source()));
    }

    @Test
    void asyncForAndWithAreLikeTheirPlainForms() {
        assertEquals(lines(
                "B0: iter xs -> B1",
                "B1: next -> B2:next, exit:done",
                "B2: x = next; with m -> B3",
                "B3: await x -> B5:exc, B4",
                "B4: exit m -> B1",
                "B5: exit m (exc) -> raise:exc, B1:suppressed"), cfg(lines(
                "async def f(xs, m):",
                "    async for x in xs:",
                "        async with m:",
                "            await x")));
    }
}
