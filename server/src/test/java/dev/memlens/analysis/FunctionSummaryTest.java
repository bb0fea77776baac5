package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.syntax.SourceParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summaries of functions run on their own (unknown callers): what each parameter may have done to it. */
class FunctionSummaryTest {
    private static final String SOURCE = """
            CACHE = []

            def reads(p):
                return p.size

            def mutates(p):
                p[0] = 1

            def stores(p, q):
                p.attr = q

            def returns(p, q):
                return p

            def fresh(p):
                return [1, 2]

            def holds(p):
                return [p]

            def remembers(x):
                CACHE.append(x)

            def rebinds(x):
                global CACHE
                CACHE = x

            def generates(x):
                yield x

            class Box:
                def __init__(self, items):
                    self.items = items
            """;

    private static AnalysisResult analyze() {
        return Interpreter.analyze(SourceParser.parse("t.py", SOURCE.getBytes(StandardCharsets.UTF_8)).module());
    }

    private static FunctionSummary summary(AnalysisResult r, String qualname) {
        FunctionSummary s = r.summary(qualname);
        assertNotNull(s, qualname);
        return s;
    }

    @Test
    void whatEachParameterMayHaveDoneToIt() {
        AnalysisResult r = analyze();
        FunctionSummary reads = summary(r, "reads");
        assertFalse(reads.opaque());
        assertEquals(List.of(), reads.mutated());
        assertEquals(List.of(), reads.returned());

        FunctionSummary mutates = summary(r, "mutates");
        assertEquals(List.of("p"), mutates.mutated());
        assertEquals(List.of(), mutates.stored());

        FunctionSummary stores = summary(r, "stores");
        assertEquals(List.of("p"), stores.mutated());
        assertEquals(List.of("q"), stores.stored());

        FunctionSummary returns = summary(r, "returns");
        assertEquals(List.of("p"), returns.returned());
        assertEquals(List.of(), returns.stored());

        assertTrue(summary(r, "fresh").freshResult());
        assertEquals(List.of("p"), summary(r, "holds").stored(), "a parameter inside the result is kept");

        FunctionSummary init = summary(r, "Box.__init__");
        assertEquals(List.of("self", "items"), init.params());
        assertEquals(List.of("self"), init.mutated());
        assertEquals(List.of("items"), init.stored());
    }

    @Test
    void functionsThatReachBeyondTheirParametersAreOpaque() {
        AnalysisResult r = analyze();
        assertTrue(summary(r, "remembers").opaque(), "changes a global's list");
        assertTrue(summary(r, "rebinds").opaque(), "rebinds a global");
        assertTrue(summary(r, "generates").opaque(), "its body runs later");
        assertFalse(summary(r, "reads").opaque());
    }

    @Test
    void factsJsonListsTheFunctions() {
        AnalysisResult r = analyze();
        JsonArray fns = FactsReport.toJson("t.py", SOURCE, r).getAsJsonArray("functions");
        JsonObject stores = null;
        for (var e : fns) {
            if (e.getAsJsonObject().get("qualname").getAsString().equals("stores")) {
                stores = e.getAsJsonObject();
            }
        }
        assertNotNull(stores);
        assertEquals("[\"q\"]", stores.get("stored").toString());
        assertEquals("[\"p\"]", stores.get("mutated").toString());
        assertFalse(stores.get("opaque").getAsBoolean());
    }
}
