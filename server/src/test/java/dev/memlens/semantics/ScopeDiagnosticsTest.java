package dev.memlens.semantics;

import dev.memlens.syntax.LineMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.memlens.semantics.Py.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The unbound-local dataflow and the shadowed-global finder. Each finding prints as
 * {@code scope: name CERTAINTY [outer binding] @line}.
 */
class ScopeDiagnosticsTest {

    private static List<String> unbound(String src) {
        SemanticModel m = Py.model(src);
        LineMap lines = new LineMap(src);
        List<String> out = new ArrayList<>();
        for (UnboundLocal u : m.unboundLocals()) {
            out.add(u.scope().qualname() + ": " + u.symbol().name() + " " + u.certainty()
                    + (u.outer() == null ? "" : " [" + u.outer() + "]") + " @" + (lines.line(u.read().span().start()) + 1));
        }
        return out;
    }

    @Test
    void readBeforeAssignmentShadowingAGlobal() {
        assertEquals(List.of("f: x DEFINITELY [GLOBAL] @3"), unbound(lines(
                "x = 1",
                "def f():",
                "    print(x)",
                "    x = 2")));
    }

    @Test
    void globalDeclarationMakesItTheGlobal() {
        assertEquals(List.of(), unbound(lines(
                "x = 1",
                "def f():",
                "    global x",
                "    print(x)",
                "    x = 2")));
    }

    @Test
    void augmentedAssignmentReadsFirst() {
        assertEquals(List.of("f: counter DEFINITELY [GLOBAL] @3"), unbound(lines(
                "counter = 0",
                "def f():",
                "    counter += 1")));
    }

    @Test
    void assignedOnEveryPathIsFine() {
        assertEquals(List.of(), unbound(lines(
                "def f(c):",
                "    if c:",
                "        y = 1",
                "    else:",
                "        y = 2",
                "    return y")));
    }

    @Test
    void assignedOnOneBranchMayBeUnbound() {
        assertEquals(List.of("f: y MAYBE @4"), unbound(lines(
                "def f(c):",
                "    if c:",
                "        y = 1",
                "    return y")));
    }

    @Test
    void firstLoopIterationReadsBeforeTheAssignment() {
        assertEquals(List.of("f: t MAYBE @4"), unbound(lines(
                "def f():",
                "    for i in range(3):",
                "        if i:",
                "            print(t)",
                "        t = i")));
    }

    @Test
    void aLoopThatOpensTheBodyMayHaveBoundItsNameBeforeTheExit() {
        // the loop head is the function's entry block; the body's binding reaches it along the back edge
        assertEquals(List.of("f: last MAYBE @4", "g: found MAYBE @8"), unbound(lines(
                "def f(items):",
                "    while items:",
                "        last = items.pop()",
                "    return last",
                "def g(xs):",
                "    for x in xs:",
                "        found = x",
                "    print(found)")));
    }

    @Test
    void whileTrueExitsOnlyThroughBreak() {
        assertEquals(List.of(), unbound(lines(
                "def f():",
                "    while True:",
                "        x = 1",
                "        break",
                "    return x")));
    }

    @Test
    void exceptionBeforeTheAssignmentSkipsIt() {
        assertEquals(List.of("f: v MAYBE @6"), unbound(lines(
                "def f():",
                "    try:",
                "        v = g()",
                "    except ValueError:",
                "        pass",
                "    return v")));
    }

    @Test
    void exceptAsNameIsDeletedAfterTheHandler() {
        assertEquals(List.of("f: e DEFINITELY @6"), unbound(lines(
                "def f():",
                "    try:",
                "        pass",
                "    except ValueError as e:",
                "        print(e)",
                "    return e")));
    }

    @Test
    void finallyRunsAlsoWhenTheTryBodyRaised() {
        assertEquals(List.of("f: r MAYBE @5"), unbound(lines(
                "def f():",
                "    try:",
                "        r = g()",
                "    finally:",
                "        print(r)")));
    }

    @Test
    void walrusInAndBindsOnlyWhenEvaluated() {
        assertEquals(List.of(), unbound(lines(
                "def f(a):",
                "    if a and (m := g()):",
                "        return m")));
        assertEquals(List.of("f: m MAYBE @4"), unbound(lines(
                "def f(a):",
                "    if a and (m := g()):",
                "        pass",
                "    return m")));
        assertEquals(List.of("f: m MAYBE @3"), unbound(lines(
                "def f(a):",
                "    ok = a or (m := g())",
                "    return m")));
    }

    @Test
    void walrusInAComprehensionMayNotRun() {
        assertEquals(List.of("f: hit MAYBE @3"), unbound(lines(
                "def f(xs):",
                "    if any((hit := x) for x in xs):",
                "        return hit")));
    }

    @Test
    void delUnbinds() {
        assertEquals(List.of("f: x DEFINITELY @4"), unbound(lines(
                "def f():",
                "    x = 1",
                "    del x",
                "    print(x)")));
        assertEquals(List.of("f: y DEFINITELY @2"), unbound(lines(
                "def f():",
                "    del y")));
    }

    @Test
    void builtinsAndEnclosingVariablesCanBeShadowedToo() {
        assertEquals(List.of("f: len DEFINITELY [BUILTIN] @2"), unbound(lines(
                "def f():",
                "    print(len)",
                "    len = 3")));
        assertEquals(List.of("f.<locals>.g: x DEFINITELY [ENCLOSING] @4"), unbound(lines(
                "def f():",
                "    x = 1",
                "    def g():",
                "        print(x)",
                "        x = 2",
                "    return g")));
    }

    @Test
    void localsReboundByANestedFunctionAreNotJudged() {
        assertEquals(List.of(), unbound(lines(
                "def f():",
                "    def set_v():",
                "        nonlocal v",
                "        v = 1",
                "    set_v()",
                "    print(v)",
                "    v = 0")));
    }

    @Test
    void contextManagersAreAssumedNotToSwallowExceptionsExceptSuppress() {
        assertEquals(List.of(), unbound(lines(
                "def f(p):",
                "    with open(p) as fh:",
                "        data = fh.read()",
                "    return data")));
        assertEquals(List.of("f: data MAYBE @5"), unbound(lines(
                "from contextlib import suppress",
                "def f(p):",
                "    with suppress(OSError):",
                "        data = open(p).read()",
                "    return data")));
    }

    @Test
    void matchCapturesBindOnlyInTheirCase() {
        assertEquals(List.of("f: a MAYBE @7"), unbound(lines(
                "def f(s):",
                "    match s:",
                "        case [a]:",
                "            pass",
                "        case _:",
                "            pass",
                "    return a")));
        assertEquals(List.of(), unbound(lines(
                "def f(s):",
                "    match s:",
                "        case [a] if a:",
                "            return a",
                "        case b:",
                "            return b")));
    }

    @Test
    void parametersAndImportsAreBound() {
        assertEquals(List.of(), unbound(lines(
                "def f(a, *b, c=1, **d):",
                "    import os",
                "    from json import loads as ld",
                "    return a, b, c, d, os, ld")));
    }

    @Test
    void shadowedGlobals() {
        SemanticModel m = Py.model(lines(
                "counter = 0",
                "def inc():",
                "    counter = counter + 1",
                "def declared():",
                "    global counter",
                "    counter += 1",
                "def param(counter):",
                "    return counter",
                "def loop():",
                "    for counter in range(3):",
                "        pass",
                "def unrelated():",
                "    other = 1"));
        List<String> found = new ArrayList<>();
        for (ShadowedGlobal s : m.shadowedGlobals()) {
            found.add(s.scope().qualname() + ": " + s.local().name() + " " + s.binding().kind());
        }
        assertEquals(List.of("inc: counter ASSIGNMENT", "loop: counter FOR_TARGET"), found);
    }
}
