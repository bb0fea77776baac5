package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loops over the CFG: a loop that does not settle within its sweeps is widened, not cut (what it changes becomes
 * unknown, every other fact of the function holds, and the widening is reported where it happened); augmented
 * assignments to items and attributes of objects the function did not create settle at once, in any loop shape.
 */
class LoopWideningTest {

    private static AnalysisResult analyze(String source, AnalysisLimits limits) {
        ParseResult p = SourceParser.parse("t.py", source.getBytes(StandardCharsets.UTF_8));
        return Interpreter.analyze(p.module(), SemanticModel.build(p), limits);
    }

    private static StatementFacts factsAt(AnalysisResult r, String source, int line) {
        LineMap lines = new LineMap(source);
        for (StatementFacts sf : r.statements()) {
            if (lines.line(sf.stmt().span().start()) + 1 == line && !sf.unknown()) {
                return sf;
            }
        }
        return null;
    }

    private static boolean mustAlias(StatementFacts sf, String a, String b) {
        for (List<String> group : sf.mustAlias()) {
            if (group.contains(a) && group.contains(b)) {
                return true;
            }
        }
        return false;
    }

    private static final String GROW = """
            def grow(xs, log):
                first = xs
                acc = []
                for x in xs:
                    acc = [acc, x]
                log.append(1)
                last = xs
                return last
            """;

    @Test
    void aLoopThatDoesNotSettleIsWidenedAndTheRestOfTheFunctionKeepsItsFacts() {
        AnalysisResult r = analyze(GROW, AnalysisLimits.DEFAULT.withLoopRounds(1));
        List<PartialAnalysis> partials = r.partials("grow");
        assertEquals(1, partials.size(), r.partials().toString());
        PartialAnalysis p = partials.get(0);
        assertEquals(4, p.line(), "the loop's line");
        assertEquals(PartialAnalysis.Cause.STEPS, p.cause());
        assertTrue(p.detail().contains("widened"), p.detail());
        StatementFacts before = factsAt(r, GROW, 2);
        assertNotNull(before, "the statement before the loop keeps its facts");
        assertTrue(mustAlias(before, "first", "xs"), before.mustAlias().toString());
        StatementFacts after = factsAt(r, GROW, 7);
        assertNotNull(after, "the statement after the loop keeps its facts");
        assertTrue(mustAlias(after, "last", "xs"), "the loop does not touch xs: " + after.mustAlias());
        assertNotNull(factsAt(r, GROW, 6), "the call after the loop is analyzed");
    }

    @Test
    void theSameLoopSettlesWithinTheDefaultSweeps() {
        AnalysisResult r = analyze(GROW, AnalysisLimits.DEFAULT);
        assertEquals(List.of(), r.partials());
        assertTrue(mustAlias(factsAt(r, GROW, 7), "last", "xs"));
    }

    @Test
    void augmentedAssignmentInEveryLoopShapeIsNeverACause() {
        String src = """
                def nested(grid):
                    for row in grid:
                        for j in range(len(row)):
                            row[j] *= 2
                    g = grid
                    return g

                def counting(obj, n):
                    while n > 0:
                        obj.count += 1
                        n -= 1
                    o = obj
                    return o

                def guarded(counts, keys):
                    for k in keys:
                        try:
                            counts[k] += 1
                        except KeyError:
                            counts[k] = 1
                        finally:
                            counts.total += 1
                    c = counts
                    return c

                class Cart:
                    def add(self, items, amount):
                        for item in items:
                            if item:
                                item.quantity += amount
                                continue
                            self.total += amount
                        me = self
                        return me
                """;
        AnalysisResult r = analyze(src, AnalysisLimits.DEFAULT);
        assertEquals(List.of(), r.partials());
        assertTrue(mustAlias(factsAt(r, src, 5), "g", "grid"), "nested keeps its facts");
        assertTrue(mustAlias(factsAt(r, src, 12), "o", "obj"), "counting keeps its facts");
        assertTrue(mustAlias(factsAt(r, src, 23), "c", "counts"), "guarded keeps its facts");
        assertTrue(mustAlias(factsAt(r, src, 33), "me", "self"), "Cart.add keeps its facts");
    }
}
