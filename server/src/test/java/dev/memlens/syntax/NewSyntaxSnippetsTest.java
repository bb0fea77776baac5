package dev.memlens.syntax;

import dev.memlens.judges.Judges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A generated set of snippets of the syntax 3.14 and 3.15 added (t-strings with every prefix, quote and field form;
 * except without parentheses; unpacking in comprehensions; lazy imports and 'lazy' as a name), the 3.8+ forms that
 * were rejected (a walrus generator as the sole argument, backslash-continued indentation), valid and invalid, each
 * a file. Each CPython judge parses them all; our parse, targeting that judge's version, must give the same verdict
 * for every file and the same node positions for every file both accept. Judges: CPython 3.15.0rc1 and 3.14.2 in
 * Pyodide, CPython 3.13 and 3.11 (pyenv or PATH) where present.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewSyntaxSnippetsTest {
    private Path root;
    private int count;
    private Path olderRoot;
    private int olderCount;

    @BeforeAll
    void writeSnippets() throws IOException {
        root = Files.createTempDirectory("snippets");
        for (String s : snippets()) {
            Files.writeString(root.resolve(String.format("s%04d.py", count++)), s, StandardCharsets.UTF_8);
        }
        olderRoot = Files.createTempDirectory("older-snippets");
        for (String s : olderSnippets()) {
            Files.writeString(olderRoot.resolve(String.format("o%04d.py", olderCount++)), s, StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    void cleanUp() throws IOException {
        for (Path dir : List.of(root, olderRoot)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * The forms 3.9 to 3.13 added, which a file targeting an older version must be told about: each older CPython
     * judges the verdicts (its ast positions of f-string fields predate PEP 701, so positions are not compared).
     */
    @ParameterizedTest(name = "CPython 3.{0}")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13})
    void olderTargetsRejectWhatTheirCPythonRejects(int minor) throws Exception {
        Optional<List<String>> python = Judges.cpython(minor);
        assumeTrue(python.isPresent(), "no CPython 3." + minor + " here (pyenv or python3." + minor + ")");
        Fidelity.Report r = Fidelity.compare(python.get(), new PythonVersion(minor), olderRoot, true);
        System.out.printf("older-form snippets vs CPython 3.%d: %d files, %d rejected by CPython, %d by us%n", minor,
                olderCount, r.cpythonRejected.size(), r.ourRejected.size());
        assertEquals(olderCount, r.files, "files judged (with verdicts only, every file counts)");
        assertTrue(r.cpythonRejected.equals(r.ourRejected), () -> "verdicts differ: " + firstErrors(r, minor,
                olderRoot));
    }

    @ParameterizedTest(name = "CPython 3.{0}")
    @ValueSource(ints = {15, 14, 13, 11})
    void verdictsAndPositionsEqualCPython(int minor) throws Exception {
        List<String> python;
        if (minor >= 14) {
            Optional<String> missing = Judges.pyodideMissing("3." + minor);
            assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
            python = Judges.pyodide("3." + minor);
        } else {
            Optional<List<String>> native_ = Judges.cpython(minor);
            assumeTrue(native_.isPresent(), "no CPython 3." + minor + " here (pyenv or python3." + minor + ")");
            python = native_.get();
        }
        Fidelity.Report r = Fidelity.compare(python, new PythonVersion(minor), root, false);
        System.out.printf("snippets vs CPython 3.%d: %d files, %d rejected by CPython, %d by us; %d nodes, %d "
                + "matched%n", minor, r.files, r.cpythonRejected.size(), r.ourRejected.size(), r.nodes, r.matched);
        r.differences.stream().limit(10).forEach(System.out::println);
        assertEquals(count, r.files + r.cpythonRejected.size(), "files judged");
        assertTrue(r.cpythonRejected.equals(r.ourRejected), () -> "verdicts differ: " + firstErrors(r, minor, root));
        assertEquals(r.nodes, r.matched, () -> String.join("\n", r.differences.subList(0,
                Math.min(10, r.differences.size()))));
        assertTrue(r.cpythonRejected.size() > 20 && r.files > 50, "both verdicts must be well represented");
    }

    private static String firstErrors(Fidelity.Report r, int minor, Path root) {
        List<String> out = new ArrayList<>();
        for (String f : symmetricDifference(r.cpythonRejected, r.ourRejected)) {
            try {
                String src = Files.readString(root.resolve(f));
                ParseResult p = SourceParser.parse(new SourceText(f, src), new PythonVersion(minor));
                out.add(f + (r.cpythonRejected.contains(f) ? " (CPython rejects)" : " (CPython accepts)") + " "
                        + src.replace("\n", "\\n") + " -> " + p.errors());
            } catch (IOException e) {
                out.add(f + ": " + e);
            }
            if (out.size() == 10) {
                break;
            }
        }
        return "\n" + String.join("\n", out);
    }

    private static List<String> symmetricDifference(java.util.Set<String> a, java.util.Set<String> b) {
        List<String> out = new ArrayList<>();
        a.stream().filter(x -> !b.contains(x)).forEach(out::add);
        b.stream().filter(x -> !a.contains(x)).forEach(out::add);
        return out;
    }

    /** Snippets of the 3.9-3.13 forms and their neighbours that every version accepts. */
    static List<String> olderSnippets() {
        List<String> out = new ArrayList<>();
        for (String w : new String[] {"with (a as b, c as d):", "with (a as b):", "with (a, b):", "with (a, b,):",
            "with (a):", "with (a) as b:", "with (a) as b, (c) as d:", "with (a, b) as c:", "with (\n    a as b,\n    c,\n):",
            "with a as b, c as d:", "with (yield) as b:", "with (a as b), c:", "with ((a as b)):"}) {
            out.add("def g():\n    " + w + "\n        pass\n");
        }
        for (String d : new String[] {"@a", "@a.b.c", "@a.b(c)", "@a(b)(c)", "@a[0]", "@a.b[0].c", "@(a)",
            "@lambda f: f", "@a if b else c", "@x := y", "@a().b", "@a.b().c()"}) {
            out.add(d + "\ndef f():\n    pass\n");
            out.add(d + "\nclass C:\n    pass\n");
        }
        for (String sub : new String[] {"a[*b]", "a[*b, c]", "a[c, *b]", "a[(*b,)]", "a[(*b, c)]", "a[*b] = 1",
            "a[1:2, *b]", "a[b, c]"}) {
            out.add(sub + "\n");
        }
        out.add("def f(*args: *Ts):\n    pass\n");
        for (String f : new String[] {"f'{x}'", "f'{\"a\"}'", "f\"{'a'}\"", "f'{x['k']}'", "f\"{x[\"k\"]}\"",
            "f'''{x['k']}'''", "f'{\"\\n\".join(x)}'", "f'{x # note\n}'", "f'{x:#x}'", "f'{\"#\"}'",
            "f'{x!r:>{w}}'", "f'{f\"{x}\"}'", "f'{f'{x}'}'", "f'{x:{\"a\"}}'", "f'a' f\"{x['k']}\"",
            "f'''{\nx\n}'''", "f'{\nx\n}'", "rf'{x}\\d'", "f'\\n{x}'", "f'{x}' 'b'"}) {
            out.add("v = " + f + "\n");
        }
        for (String t : new String[] {"def f[T](): pass", "def f[T = int](): pass", "def f[*Ts = *tuple[int]](): pass",
            "def f[**P = [int]](): pass", "class C[T: int = bool]: pass", "type A[T = int] = list[T]",
            "class C[T]: pass"}) {
            out.add(t + "\n");
        }
        return out;
    }

    /** The snippets: each is a whole module. */
    static List<String> snippets() {
        List<String> out = new ArrayList<>();
        String[] prefixes = {"t", "T", "tr", "tR", "Tr", "TR", "rt", "rT", "Rt", "RT"};
        String[] badPrefixes = {"tb", "bt", "ft", "tf", "ut", "tu", "tt"};
        String[] quotes = {"'", "\"", "'''", "\"\"\""};
        String[] bodies = {"", "a", "{x}", "{x!r}", "{x=}", "{x = !s}", "{x:>{w}}", "{x!a:10}", "{{}}{x}",
            "a{b}c{d}e", "\\n{x}\\\\", "{x:{y}.{z}}", "{ x , y }", "{x if y else z}", "{(yield)}", "{*a}",
            "{lambda: 1}", "{x!}", "{}", "{x!z}", "{x:}", "{x:=1}", "{(x:=1)}", "}", "{"};
        for (String p : prefixes) {
            for (String q : quotes) {
                for (String b : bodies) {
                    out.add("def g():\n    v = " + p + q + b + q + "\n");
                }
            }
        }
        for (String p : badPrefixes) {
            for (String q : quotes) {
                out.add("v = " + p + q + "a{x}" + q + "\n");
            }
        }
        for (String c : new String[] {"t'a' t'b'", "t'a' 'b'", "'a' t'b'", "t'a' f'b'", "f'a' t'b'", "t'a' b'b'",
            "t'{x}' T'{y}' tr'\\d'", "t'a'\\\nt'b'", "(t'a'\n t'{b}')", "t'''\n{x}\n'''", "t'{t\"{x}\"}'",
            "t'{f\"{x}\"}'", "f'{t\"{x}\"}'", "t'\\N{DIGIT ONE}{x}'", "rt'\\N{x}'", "t'{x!r:{y!s:{z}}}'",
            "print(t'{x}'.strings)", "[t'{i}' for i in r]", "t'{x}' * 2"}) {
            out.add("v = " + c + "\n");
        }
        String[] types = {"A", "A, B", "A, B,", "(A, B)", "A, (B, C)", "a.B, c[0]", "A, B if c else D", "*A",
            "A, *B", "lambda: A, B", "(A), (B)", "A, B, C, D", "f(), g()", "A,"};
        for (String kw : new String[] {"except", "except*"}) {
            for (String t : types) {
                for (String as : new String[] {"", " as e"}) {
                    out.add("try:\n    pass\n" + kw + " " + t + as + ":\n    pass\n");
                }
            }
            out.add("try:\n    pass\n" + kw + " A, B:\n    pass\nexcept C, D:\n    pass\n");
        }
        out.add("try:\n    pass\nexcept A, B:\n    pass\nelse:\n    pass\nfinally:\n    pass\n");
        out.add("try:\n    pass\nexcept:\n    pass\n");
        out.add("def f():\n    try:\n        pass\n    finally:\n        return 1\n");
        out.add("for x in y:\n    try:\n        pass\n    finally:\n        break\n");
        for (String c : new String[] {"[*x for x in xs]", "{*x for x in xs}", "{**d for d in ds}",
            "(*x for x in xs)", "f(*x for x in xs)", "f(a, *x for x in xs)", "f(*x for x in xs, a)",
            "[*x, y for x in xs]", "[**d for d in ds]", "{*x: 1 for x in xs}", "{**d: 1 for d in ds}",
            "[*x if c else y for x in xs]", "[*(x if c else y) for x in xs]", "[*a.b for a in xs]",
            "[*x for x in xs if x]", "{**d for d in ds for e in d}", "{**d | e for d in ds}", "[*x async for x in xs]",
            "(*x, for x in xs)", "[*[1, 2] for _ in r]", "{**{k: v} for k, v in items}", "sum(*x for x in xs)",
            "[*x for x in xs][0]", "{*x for x in xs} | s", "[* x for x in xs]", "[*await x for x in xs]"}) {
            out.add("async def g():\n    v = " + c + "\n");
        }
        for (String c : new String[] {"lazy import a", "lazy import a.b", "lazy import a as b, c", "lazy from a import b",
            "lazy from .a import b as c", "lazy from . import (a, b,)", "lazy from a import *", "lazy = 1",
            "lazy.x = 1", "lazy(1)", "lazy[0]", "print(lazy)", "def f():\n    lazy import a",
            "class C:\n    lazy import a", "lazy\nimport a", "lazy import", "x = lazy import a",
            "lazy lazy import a", "import lazy", "from lazy import lazy", "lazy from lazy import lazy",
            "lazy import lazy", "match lazy:\n    case lazy:\n        pass", "lazy: int = 1",
            "def lazy(lazy):\n    return lazy", "async def f():\n    lazy import a", "lazy .x", "lazy import a; lazy = 2",
            "if x:\n    lazy from a import b", "try:\n    lazy import a\nexcept A, B:\n    pass", "lazy, b = 1, 2",
            "lazy += 1", "del lazy", "lazy()", "lazy from", "import a lazy", "with lazy as lazy:\n    pass",
            "lazy.import_ = 1", "x = [lazy for lazy in lazy]", "lazy import a.b.c as d"}) {
            out.add(c + "\n");
        }
        for (String c : new String[] {"any(m := f(s) for s in xs)", "f(m := 1 for s in xs)",
            "f(x, m := 1 for s in xs)", "f((m := 1) for s in xs)", "f(m.a := 1 for s in xs)", "f(m := 1, x)",
            "f(x for x in y if (z := x))", "f(m := x for x in y for z in m)"}) {
            out.add("def g():\n    v = " + c + "\n");
        }
        String[] heads = {"if x:\n", "def f():\n    x = 1\n", ""};
        String[] pads = {"", "  ", "    ", "\t", "        "};
        for (String h : heads) {
            for (String a : pads) {
                for (String b : new String[] {"", "  ", "    "}) {
                    out.add(h + a + "\\\n" + b + "y = 2\n");
                    out.add(h + "    z = 1\n" + a + "\\\n" + b + "y = 2\n");
                }
            }
        }
        out.add("if x:\n    a = 1 + \\\n  2\n");
        out.add("def f():\n    x = 1\n    \\\n    \\\n  y = 2\n");
        return out;
    }
}
