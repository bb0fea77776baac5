package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.ast.Stmt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where and why the analysis is cut, and what a cut keeps: each cut body run is one {@link PartialAnalysis} with its
 * scope and line, the statements it reached keep their facts, the other functions are not touched.
 */
class PartialAnalysisTest {

    private static ParseResult parse(String source) {
        return SourceParser.parse("t.py", source.getBytes(StandardCharsets.UTF_8));
    }

    private static AnalysisResult analyze(String source, AnalysisLimits limits) {
        ParseResult p = parse(source);
        return Interpreter.analyze(p.module(), SemanticModel.build(p), limits);
    }

    /** The facts after the first statement on a 1-based line, or null when there are none. */
    private static StatementFacts factsAt(AnalysisResult r, String source, int line) {
        LineMap lines = new LineMap(source);
        for (StatementFacts sf : r.statements()) {
            if (lines.line(sf.stmt().span().start()) + 1 == line && !sf.unknown()) {
                return sf;
            }
        }
        return null;
    }

    @Test
    void augmentedAssignmentInLoopsOverUnknownObjectsIsNeverACut() {
        String src = """
                def restock(items, amount):
                    for item in items:
                        item.quantity += amount
                    out = items
                    return out

                def bump(s):
                    for i in range(len(s)):
                        s[i] += 1
                    t = s
                    return t

                def tally(words, counts):
                    for w in words:
                        counts[w] += 1
                        counts.total += 1
                    seen = counts
                    return seen
                """;
        AnalysisResult r = analyze(src, AnalysisLimits.DEFAULT.withTime(Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(List.of(), r.partials());
        assertTrue(factsAt(r, src, 4).mustAlias().contains(List.of("items", "out")), "restock keeps its facts");
        assertTrue(factsAt(r, src, 10).mustAlias().contains(List.of("s", "t")), "bump keeps its facts");
        assertTrue(factsAt(r, src, 17).mustAlias().contains(List.of("counts", "seen")), "tally keeps its facts");
    }

    @Test
    void aCutFunctionKeepsWhatItReachedAndTheOthersAreUntouched() {
        String src = """
                def long_loop(xs):
                    first = xs
                    for x in xs:
                        a = x
                        b = a
                        c = b
                        d = c
                    last = xs
                    return last

                def other(p):
                    q = p
                    return q
                """;
        // a step budget too small for the loop of long_loop, enough for everything else
        AnalysisLimits tight = new AnalysisLimits(12, 1_000_000, Long.MAX_VALUE, Long.MAX_VALUE, 1_000_000,
                () -> false);
        AnalysisResult r = analyze(src, tight);
        List<PartialAnalysis> cuts = r.partials("long_loop");
        assertEquals(1, cuts.size(), r.partials().toString());
        PartialAnalysis cut = cuts.get(0);
        assertEquals(PartialAnalysis.Cause.STEPS, cut.cause());
        assertEquals(3, cut.line(), "the loop's line");
        assertEquals("step budget: loop at line 3", cut.detail());
        assertFalse(r.complete());
        assertNotNull(factsAt(r, src, 2), "the statement before the loop keeps its facts");
        assertNull(factsAt(r, src, 8), "the statement after the loop claims nothing");
        assertEquals(List.of(), r.partials("other"));
        assertTrue(factsAt(r, src, 12).mustAlias().contains(List.of("p", "q")), "the other function is complete");
        JsonObject json = FactsReport.toJson("t.py", src, r);
        assertEquals("long_loop", json.getAsJsonArray("partial").get(0).getAsJsonObject().get("scope").getAsString());
        assertEquals("step budget: loop at line 3",
                json.getAsJsonArray("partial").get(0).getAsJsonObject().get("detail").getAsString());
    }

    @Test
    void aCancelledAnalysisStopsAndSaysSo() {
        String src = """
                x = [1]
                def f(a):
                    return a
                def g(b):
                    return b
                """;
        AnalysisResult r = analyze(src, AnalysisLimits.DEFAULT.withCancellation(() -> true));
        assertFalse(r.partials().isEmpty());
        assertTrue(r.partials().stream().allMatch(p -> p.cause() == PartialAnalysis.Cause.CANCELLED),
                r.partials().toString());
    }

    @Test
    void deepExpressionsGiveFacts() {
        String chain = "a = [1]\nb = " + String.join(" + ", java.util.Collections.nCopies(3000, "a")) + "\nc = a\n";
        AnalysisResult r = analyze(chain, AnalysisLimits.DEFAULT.withTime(Long.MAX_VALUE, Long.MAX_VALUE));
        assertTrue(factsAt(r, chain, 3).mustAlias().contains(List.of("a", "c")));
        String nested = "a = [1]\nb = " + "[".repeat(5000) + "a" + "]".repeat(5000) + "\nc = a\n";
        r = analyze(nested, AnalysisLimits.DEFAULT.withTime(Long.MAX_VALUE, Long.MAX_VALUE));
        assertTrue(factsAt(r, nested, 3).mustAlias().contains(List.of("a", "c")));
        assertEquals(List.of(), r.partials());
    }

    @Test
    void internalErrorsFailInStrictModeAndAreReportedOtherwise() {
        Partials p = new Partials("x = 1\n");
        Stmt at = parse("x = 1\n").module().body().get(0);
        RuntimeException bug = new IllegalArgumentException("a bug");
        if (Boolean.getBoolean(Partials.STRICT)) {
            assertThrows(IllegalStateException.class,
                    () -> p.internalError(p.startRun("<module>"), bug, new ArrayDeque<>(), at));
        } else {
            p.internalError(p.startRun("<module>"), bug, new ArrayDeque<>(), at);
            assertEquals(PartialAnalysis.Cause.INTERNAL_ERROR, p.list().get(0).cause());
            assertEquals(1, p.list().get(0).line());
        }
    }
}
