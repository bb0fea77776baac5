package dev.memlens.syntax;

import dev.memlens.fuzz.Mutator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DescentParser} is exact or bails: over real code and over broken code, a parse that starts with it gives
 * what the ANTLR path alone gives (AST with spans, errors, token count), and where it takes a whole file the ANTLR
 * path finds no error there. The counts of files taken and of the reasons for bailing are printed, so what is left
 * to the ANTLR path stays visible.
 */
class DescentParserTest {

    /** Taken and bailed files, with the bail reasons by count. */
    private static final class Tally {
        int taken;
        int bailed;
        int notTried;
        final Map<String, Integer> reasons = new TreeMap<>();

        /** @param valid the ANTLR path found no error in the text */
        void add(String text, boolean valid) {
            DescentParser.Result r = SourceParser.descentOnly(text);
            if (r == null) {
                notTried++;
                return;
            }
            if (r.failedAt() < 0) {
                taken++;
                return;
            }
            bailed++;
            reasons.merge(r.reason() + (valid ? " (valid for the ANTLR path)" : " (the ANTLR path reports an error)"), 1,
                    Integer::sum);
        }

        String report(String what) {
            StringBuilder sb = new StringBuilder(what + ": " + taken + " taken, " + bailed + " bailed, " + notTried
                    + " not tried (a lexer error)");
            reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                    .forEach(e -> sb.append("\n  ").append(e.getValue()).append("  ").append(e.getKey()));
            return sb.toString();
        }
    }

    /** Both ways must agree on everything a caller sees; returns whether the text has no syntax error. */
    private static boolean assertSame(SourceText source, String what) {
        ParseResult antlr = SourceParser.parse(source, true, false);
        ParseResult descent = SourceParser.parse(source, true, true);
        assertEquals(antlr.errors(), descent.errors(), () -> what + ": errors");
        assertEquals(antlr.module(), descent.module(), () -> what + ": module");
        assertEquals(antlr.tokenCount(), descent.tokenCount(), () -> what + ": token count");
        assertEquals(antlr.lexedCleanly(), descent.lexedCleanly(), () -> what + ": lexed cleanly");
        DescentParser.Result alone = SourceParser.descentOnly(source.text());
        if (alone != null && alone.failedAt() < 0) {
            assertTrue(antlr.errors().isEmpty(), () -> what + ": taken, but the ANTLR path reports " + antlr.errors());
        }
        return antlr.errors().isEmpty();
    }

    private static List<Path> pythonFiles(Path root, boolean withSitePackages) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p))
                    .filter(p -> withSitePackages || !root.relativize(p).toString().startsWith("site-packages"))
                    .sorted().toList();
        }
    }

    private static Tally compareAll(List<Path> files) throws IOException {
        Tally tally = new Tally();
        for (Path f : files) {
            SourceDecoder.Decoded d = decode(Files.readAllBytes(f));
            if (d == null) {
                continue;
            }
            SourceText source = new SourceText(f.toString(), d.text());
            tally.add(d.text(), assertSame(source, f.toString()));
        }
        return tally;
    }

    private static SourceDecoder.Decoded decode(byte[] bytes) {
        try {
            return SourceDecoder.decode(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Test
    void snippets() {
        String[] cases = {
            "x = 1\n", "a, *b = c\n", "(a) = 1\n", "x: int = 3\n", "(x): int\n", "a.b: int\n", "x += 1\n",
            "del a, b[1], c.d\n", "del (a, b),\n", "f(x for x in y)\n", "f(*a, **k, b=1)\n", "class A(B, m=M): pass\n",
            "@d\n@e.f(1)\nasync def g(a, /, b=1, *c, d, e=2, **f) -> int:\n    return await h\n",
            "with (a, b):\n    pass\n", "with (a, b) as c:\n    pass\n", "with (a) as b, c:\n    pass\n",
            "with (a as b, c as d,):\n    pass\n", "with (yield):\n    pass\n",
            "try:\n    pass\nexcept* E as e:\n    pass\n", "try:\n    pass\nexcept A, B:\n    pass\nelse:\n    x\nfinally:\n    y\n",
            "if a:\n    b\nelif c:\n    d\nelif e:\n    f\nelse:\n    g\n", "while x: y\nelse: z\n",
            "for i, in x: pass\n", "async def f():\n    async for a in b: pass\n    async with c as d: pass\n",
            "x = [a for b in c if d if e for f in g]\n", "x = {a: b for c in d}\n", "x = {**a, 'b': 1, **c}\n",
            "x = {*a, b}\n", "x = {a := 1, b}\n", "x = a[1:2, ::3, *b]\n", "x = a[*b]\n", "x = a[b:=1]\n",
            "x = -a ** -b * c @ d // e % f + g - h << i >> j & k ^ l | m\n", "x = not a < b <= c is not d not in e\n",
            "x = a if b else c if d else e\n", "x = lambda a, *b, c=1, **d: a\n", "x = lambda: (yield)\n",
            "x = 'a' 'b' \"c\"\n", "x = b'a' rb'\\d'\n", "x = f'a{b!r:>{c}} {d=} {e = !s}' 'g'\n",
            "x = 'a' f'{b}' 'c'\n", "x = t'{a} {b!r:{c}}'\n", "x = f'{f\"{a}\"}'\n", "x = rf'\\d{a}'\n",
            "x = f'{a:%Y-%m-%d}'\n", "x = f'''\n{a}\n'''\n", "type X[T: int = str, *Ts, **P] = list[T]\n",
            "def f[T](x: T) -> T: ...\n", "class C[T]: ...\n", "lazy import a.b as c\n", "lazy from . import x\n",
            "from ...a.b import (c as d, e,)\n", "from . import *\n", "import a.b.c as d, e\n", "global a, b\n",
            "match = 1\nmatch(x)\ncase = 2\ntype = 3\ntype(x)\n", "match x:\n    case 1: pass\n",
            "match x:\n    case 1 | -2 | 3 + 4j | 'a' 'b' | None | True | a.b:\n        pass\n"
                + "    case [a, *_, (b, c), (d,), (), (*e,), {}, {1: f, 'g': h, a.b: i, **j}] if k:\n        pass\n"
                + "    case P(1, b, c=d, e=[*f]) as g:\n        pass\n    case *a, b:\n        pass\n"
                + "    case {**rest}:\n        pass\n    case (a):\n        pass\n    case -1 - 2j:\n        pass\n"
                + "    case _:\n        pass\n",
            "match a, *b,:\n    case x,:\n        pass\n", "match (x):\n    case str():\n        pass\n",
            "match x:\n    case *a:\n        pass\n", "match x:\n    case a as _:\n        pass\n",
            "match x:\n    case P(a=1, b):\n        pass\n", "match x:\n    case {a: 1}:\n        pass\n",
            "match x:\n    case {**a, 'b': 1}:\n        pass\n", "match x:\n    case 1 + 2:\n        pass\n",
            "match x:\n    case f'{a}':\n        pass\n", "match *x:\n    case 1:\n        pass\n",
            "print(*a in b)\n", "f((a)=1)\n", "*a = b\n", "x = (*a, *b)\n", "x = [*a]\n", "x = yield a, b\n", "x = yield from a\n",
            "assert a, b\n", "raise A from B\n", "return\n", "a; b; c;\n", "x = ...\n", "x = 1_0.5e-3j + 0x1F\n",
            "x = a.match.case.type\n", "f(a)(b)[c].d\n", "x = (a for b in c)\n", "x = ()\n", "x = (a,)\n",
            "def f(a, b): return\n", "x = *a, b\n", "for x in *a, *b: pass\n", "f(x, (y for y in z))\n",
            // errors and things the descent parser leaves to the ANTLR path
            "f(x for x in y, z)\n", "x = (*a)\n", "f() = 1\n", "del *a\n", "x = a[1:=2:3]\n", "def f(a=1, b): pass\n",
            "def f(*, **k): pass\n", "lambda *: 0\n", "x = {a := 1: 2}\n", "f(a=1, b)\n", "f(**a, *b)\n",
            "x = '\\q'\n", "x = b'\\u1234' + b'\u00e9'\n", "x = 'a' b'b'\n", "x = t'a' 'b'\n", "x = f'{a!x}'\n",
            "x = f'{a! r}'\n", "try:\n    pass\nexcept*:\n    pass\n", "try:\n    pass\nexcept A, B as c:\n    pass\n",
            "from import a\n", "x := 1\n", "*a < b\n", "x = [*a < b]\n", "(yield) = 1\n", "a + 1 += 2\n",
            "[a, b]: int\n", "x = 1 if 2\n", "if x\n    pass\n", "  x = 1\n", "x = (1,\n", "def f(/): pass\n",
            "x = \uD83D\uDC0D\n", "x = '\uD83D\uDC0D'\n", "x = '\uD800'\n", "x = 'a\uDC00'; \uD800\n",
        };
        for (String c : cases) {
            assertSame(new SourceText("snippet.py", c), c);
        }
        // what is taken here must be taken: the snippets above the errors are all valid
        assertTrue(SourceParser.descentOnly("x = f'a{b!r:>{c}} {d=}'\n").failedAt() < 0);
        assertTrue(SourceParser.descentOnly("with (a, b) as c:\n    pass\n").failedAt() < 0);
        assertTrue(SourceParser.descentOnly("f() = 1\n").failedAt() == 0);
        // more permissive than CPython, as the ANTLR path is
        assertTrue(SourceParser.descentOnly("f((a)=1)\n*a = b\n").failedAt() < 0);
    }

    /** {@code -Dmemlens.parser=antlr} keeps the old path, for comparison; anything else (or nothing) uses the new one. */
    @Test
    void antlrSwitch() {
        String before = System.getProperty("memlens.parser");
        try {
            System.setProperty("memlens.parser", "antlr");
            assertTrue(!SourceParser.descentEnabled());
            System.setProperty("memlens.parser", "descent");
            assertTrue(SourceParser.descentEnabled());
            System.clearProperty("memlens.parser");
            assertTrue(SourceParser.descentEnabled());
        } finally {
            if (before == null) {
                System.clearProperty("memlens.parser");
            } else {
                System.setProperty("memlens.parser", before);
            }
        }
    }

    /**
     * The fuzzer's extremes (nesting, length, repetition) and chains deep enough to overflow a thread's stack in one
     * parser or both: the same result either way (a stack overflow in the descent parser hands the statement over).
     */
    @Test
    void extremesAndDeepChains() {
        java.util.Map<String, String> inputs = new java.util.LinkedHashMap<>(dev.memlens.fuzz.Extremes.all());
        inputs.put("20000-powers", "x = " + "a ** ".repeat(20_000) + "b\n");
        inputs.put("5000-conditionals", "x = " + "a if b else ".repeat(5_000) + "c\n");
        inputs.put("50000-nested-lambdas", "f = " + "lambda: ".repeat(50_000) + "0\n");
        inputs.put("20000-unary", "x = " + "-".repeat(20_000) + "y\n");
        for (var e : inputs.entrySet()) {
            // parsed on this thread's own stack, as a caller would; compared on a big one (records compare
            // recursively, and a deep tree's equals overflows a small stack)
            SourceText source = new SourceText(e.getKey() + ".py", e.getValue());
            ParseResult antlr = SourceParser.parse(source, true, false);
            ParseResult descent = SourceParser.parse(source, true, true);
            java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread t = DeepStack.newThread(() -> {
                try {
                    assertEquals(antlr.errors(), descent.errors(), () -> e.getKey() + ": errors");
                    assertEquals(antlr.module(), descent.module(), () -> e.getKey() + ": module");
                } catch (Throwable x) {
                    failure.set(x);
                }
            }, "descent-extremes");
            t.start();
            try {
                t.join();
            } catch (InterruptedException x) {
                throw new AssertionError(x);
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
        }
    }

    /** A lone surrogate is no pair: such text is lexed from the String itself, as from a code point stream. */
    @Test
    void loneSurrogatesLexAsOnACodePointStream() {
        for (String text : new String[] {"x = '\uD800'\n", "x = 'a\uDC00'; \uD800\n", "# \uDBFF\ny = 1\n"}) {
            assertEquals(null, SourceParser.codePointMap(text));
            assertEquals(tokens(org.antlr.v4.runtime.CharStreams.fromString(text)),
                    tokens(new dev.memlens.syntax.grammar.StringCharStream(text, "t")), text);
        }
    }

    private static List<String> tokens(org.antlr.v4.runtime.CharStream chars) {
        var lexer = new dev.memlens.syntax.grammar.PythonLexer(chars);
        lexer.removeErrorListeners();
        List<String> out = new ArrayList<>();
        for (org.antlr.v4.runtime.Token t : new TokenArray(lexer).array()) {
            out.add(t.getType() + "@" + t.getStartIndex() + ":" + t.getStopIndex() + "=" + t.getText());
        }
        out.add(lexer.lexErrors().toString());
        return out;
    }

    @Test
    void stdlibTakenOrBailedNeverDifferent() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Fidelity.STDLIB), "no stdlib at " + Fidelity.STDLIB);
        List<Path> files = pythonFiles(Fidelity.STDLIB, false);
        assertTrue(files.size() > 1000, "too few files: " + files.size());
        Tally tally = compareAll(files);
        System.out.println(tally.report("stdlib (" + Fidelity.STDLIB + ")"));
        // nine stdlib files are not Python 3; nearly all the rest must be taken, or the fast stage is not one
        int tried = tally.taken + tally.bailed;
        assertTrue(tally.taken >= 0.99 * tried, tally.report("too many bailed"));
    }

    /**
     * All of site-packages: about 11,500 files of real code (numpy, IPython, jedi, hypothesis...), under a minute;
     * every file taken must equal the ANTLR path's. {@code -Dmemlens.descent.sitePackages=false} leaves it out.
     */
    @Test
    @DisabledIfSystemProperty(named = "memlens.descent.sitePackages", matches = "false")
    void sitePackagesTakenOrBailedNeverDifferent() throws IOException {
        Path site = Fidelity.STDLIB.resolve("site-packages");
        Assumptions.assumeTrue(Files.isDirectory(site), "no site-packages at " + site);
        Tally tally = compareAll(pythonFiles(site, true));
        System.out.println(tally.report("site-packages (" + site + ")"));
    }

    /**
     * More trees, listed in {@code -Dmemlens.descent.corpora=DIR:DIR...} (other Pythons' standard libraries: 3.12
     * and 3.13 have newer syntax, 2.7 is a corpus of code this grammar rejects), each with its site-packages.
     */
    @Test
    @EnabledIfSystemProperty(named = "memlens.descent.corpora", matches = ".+")
    void otherCorporaTakenOrBailedNeverDifferent() throws IOException {
        for (String dir : System.getProperty("memlens.descent.corpora").split(java.io.File.pathSeparator)) {
            Path root = Path.of(dir);
            Assumptions.assumeTrue(Files.isDirectory(root), "no directory " + root);
            System.out.println(compareAll(pythonFiles(root, true)).report(root.toString()));
        }
    }

    /** Broken neighbours of stdlib files: what the descent parser accepts, Python (the ANTLR path) accepts. */
    @Test
    void mutantsOfStdlibFiles() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Fidelity.STDLIB), "no stdlib at " + Fidelity.STDLIB);
        List<Path> all = pythonFiles(Fidelity.STDLIB, false);
        List<byte[]> sources = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 3) {
            byte[] b = Files.readAllBytes(all.get(i));
            if (b.length < 20_000) {
                sources.add(b);
            }
        }
        Random random = new Random(15);
        Mutator mutator = new Mutator(random);
        Tally tally = new Tally();
        int mutants = Integer.getInteger("memlens.descent.mutants", 3000);
        for (int i = 0; i < mutants; i++) {
            byte[] source = sources.get(random.nextInt(sources.size()));
            byte[] other = sources.get(random.nextInt(sources.size()));
            byte[] mutant = mutator.mutate(source, other);
            SourceDecoder.Decoded d = decode(mutant);
            if (d == null) {
                continue;
            }
            SourceText text = new SourceText("mutant" + i + ".py", d.text());
            tally.add(d.text(), assertSame(text, "mutant " + i + ":\n" + d.text()));
        }
        System.out.println(tally.report(mutants + " mutants of stdlib files"));
    }
}
